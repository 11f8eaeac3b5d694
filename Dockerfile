# shipmate: one binary, every role. k8s/ runs it as `shipmate serve --role <role>`.
#   docker build -t ghcr.io/shipmate/shipmate:0.1.0 .

FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --bin shipmate

FROM debian:bookworm-slim
# ca-certificates for carriers, webhooks and SMTP over TLS. The base image's /bin/sleep is
# what the web pods' preStop hook runs: keep it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 shipmate \
 && useradd --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin shipmate
COPY --from=build /src/target/release/shipmate /usr/local/bin/shipmate
# config/default.toml is built in; config/{SHIPMATE_ENV}.toml is read from here if present.
WORKDIR /app
# Numeric, so Kubernetes can check runAsNonRoot; the manifests use the same uid.
USER 10001:10001
# Loopback (the default) is unreachable from outside a container.
ENV SHIPMATE__HTTP__ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/shipmate"]
CMD ["serve", "--role", "all"]
