"""Checks rendered manifests; k8s/check runs it as `check.py dev.yaml production.yaml`.

Every document must pass the Kubernetes schemas in strict mode (unknown fields are errors),
then the facts the deployment relies on are asserted on the parsed YAML.
"""

import re
import sys
import tomllib

import yaml
from kubernetes_validate import utils as kv

K8S_VERSION = "1.33.0"
DEFAULTS = tomllib.load(open("config/default.toml", "rb"))
# Each row of src/carriers/table.rs gives a [carriers.<code>] section (config/carriers.rs).
CARRIER_KEYS = {
    "base_url": "", "timeout": "10s", "enabled": False, "api_key": "", "username": "",
    "password": "", "client_id": "", "client_secret": "", "requests_per_second": 0.0,
    "breaker_failures": 5, "breaker_cooldown": "30s",
}
for code in re.findall(r'^\s*code: "([a-z0-9_]+)",', open("src/carriers/table.rs").read(), re.M):
    DEFAULTS.setdefault("carriers", {}).setdefault(code, {})
    DEFAULTS["carriers"][code] = {**CARRIER_KEYS, **DEFAULTS["carriers"][code]}
SECRETS_EXAMPLE = "k8s/base/example-secret/secrets.example.env"

# Two documents the validator must reject: a wrong type, an unknown field.
BROKEN = [
    {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "broken"},
     "spec": {"replicas": "three", "selector": {"matchLabels": {"a": "b"}},
              "template": {"metadata": {"labels": {"a": "b"}},
                           "spec": {"containers": [{"name": "c", "image": "x"}]}}}},
    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "broken"},
     "spec": {"ports": [{"port": 80, "targetPortt": 8080}]}},
]

failures = []


def fail(where, msg):
    failures.append(f"{where}: {msg}")


def schema_error(doc):
    """The validator's complaint about one document, or None."""
    try:
        kv.validate(doc, K8S_VERSION, strict=True)
    except kv.ValidationError as e:
        return f"{'.'.join(map(str, e.path))}: {e.message}"
    except kv.SchemaNotFoundError as e:
        return e.message
    return None


def seconds(duration):
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
    num = duration.rstrip("smhd")
    return int(num) * units[duration[len(num):]]


def check_key(where, var, value):
    """SHIPMATE__A__B=value must name a key of config/default.toml and fit its type."""
    table, path = DEFAULTS, var.removeprefix("SHIPMATE__").lower().split("__")
    for part in path[:-1]:
        table = table.get(part)
        if not isinstance(table, dict):
            return fail(where, f"{var}: no such config section")
    if path[-1] not in table or isinstance(table[path[-1]], dict):
        return fail(where, f"{var}: no such config key")
    default = table[path[-1]]
    if isinstance(default, bool):
        ok = value in ("true", "false")
    elif isinstance(default, (int, float)):
        ok = value.replace(".", "", 1).isdigit()
    else:
        ok = True
    if not ok:
        fail(where, f"{var}={value!r}: not a {type(default).__name__}")


def check_toml(where, text, defaults=DEFAULTS, prefix=""):
    """Every key of the overlay exists in config/default.toml with the same type."""
    try:
        table = tomllib.loads(text) if isinstance(text, str) else text
    except tomllib.TOMLDecodeError as e:
        return fail(where, str(e))
    for key, value in table.items():
        name = prefix + key
        if key not in defaults:
            fail(where, f"{name}: not a key of config/default.toml")
        elif isinstance(value, dict):
            check_toml(where, value, defaults[key], name + ".")
        elif type(value) is not type(defaults[key]):
            fail(where, f"{name}: {type(value).__name__}, default is {type(defaults[key]).__name__}")


def check_pod(where, pod, env):
    spec = pod["spec"]
    grace = spec.get("terminationGracePeriodSeconds", 30)
    drain = seconds(env.get("SHIPMATE__HTTP__SHUTDOWN_TIMEOUT", "30s"))
    if not grace > max(drain, 30):
        fail(where, f"terminationGracePeriodSeconds {grace} is not above the {drain}s drain")
    sc = spec.get("securityContext", {})
    if not (sc.get("runAsNonRoot") and sc.get("runAsUser", 0) > 0
            and sc.get("seccompProfile", {}).get("type") == "RuntimeDefault"):
        fail(where, "pod must run as a fixed non-root uid with the RuntimeDefault seccomp profile")
    if pod["metadata"].get("annotations", {}).get("prometheus.io/scrape") != "true":
        fail(where, "no prometheus.io/scrape annotation")
    for c in spec["containers"]:
        live = c.get("livenessProbe", {}).get("httpGet", {}).get("path")
        ready = c.get("readinessProbe", {}).get("httpGet", {}).get("path")
        if (live, ready) != ("/healthz", "/readyz"):
            fail(where, f"probes are {live} and {ready}, not /healthz and /readyz")
        csc = c.get("securityContext", {})
        if not (csc.get("readOnlyRootFilesystem") and csc.get("allowPrivilegeEscalation") is False
                and csc.get("capabilities", {}).get("drop") == ["ALL"]):
            fail(where, "container must have a read-only root, no privilege escalation, no capabilities")
        mounts = {m["mountPath"] for m in c.get("volumeMounts", [])}
        if c.get("workingDir") != "/app" or not {"/app/config", "/tmp"} <= mounts:
            fail(where, "needs workingDir /app with the config at /app/config and /tmp writable")
        if not any(e.get("secretRef", {}).get("name", "").startswith("shipmate-secrets")
                   for e in c.get("envFrom", [])):
            fail(where, "no envFrom secretRef shipmate-secrets")
        for e in c.get("env", []):
            if e["name"].startswith("SHIPMATE__"):
                check_key(where, e["name"], e.get("value", ""))


def check_overlay(name, docs):
    by_kind = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
        error = schema_error(doc)
        if error:
            fail(f"{name} {doc['kind']}/{doc['metadata']['name']}", error)
    maps = by_kind.get("ConfigMap", {})
    env = next((m["data"] for n, m in maps.items() if n.startswith("shipmate-env")), {})
    for var, value in env.items():
        if var.startswith("SHIPMATE__"):
            check_key(f"{name} ConfigMap shipmate-env", var, value)
    if env.get("SHIPMATE_ENV") != "kubernetes":
        fail(name, "SHIPMATE_ENV is not kubernetes")
    toml = [m["data"]["kubernetes.toml"] for m in maps.values() if "kubernetes.toml" in m.get("data", {})]
    if toml != [open("config/kubernetes.toml").read()]:
        fail(name, "no ConfigMap holding config/kubernetes.toml as it is")
    else:
        check_toml(f"{name} kubernetes.toml", toml[0])
    for kind in ("Deployment", "StatefulSet"):
        for n, d in by_kind.get(kind, {}).items():
            for c in d["spec"]["template"]["spec"]["containers"]:
                res = c.get("resources", {})
                if not all(k in res.get(s, {}) for s in ("requests", "limits") for k in ("cpu", "memory")):
                    fail(f"{name} {kind}/{n}", f"container {c['name']} lacks cpu/memory requests or limits")
    deployments = by_kind.get("Deployment", {})
    for role in ("web", "poller", "notifier", "scheduler"):
        d = deployments.get(f"shipmate-{role}")
        if d is None:
            fail(name, f"no Deployment shipmate-{role}")
            continue
        check_pod(f"{name} Deployment/shipmate-{role}", d["spec"]["template"], env)
        if d["spec"]["template"]["spec"]["containers"][0].get("args") != ["serve", "--role", role]:
            fail(f"{name} Deployment/shipmate-{role}", f"does not run serve --role {role}")
    if "shipmate-web" not in by_kind.get("HorizontalPodAutoscaler", {}):
        fail(name, "no HorizontalPodAutoscaler for web")
    for role in ("web", "poller", "notifier"):
        if f"shipmate-{role}" not in by_kind.get("PodDisruptionBudget", {}):
            fail(name, f"no PodDisruptionBudget for {role}")
    return by_kind, env


def check_dev(by_kind, env):
    redis = [c for s in by_kind.get("StatefulSet", {}).values()
             for c in s["spec"]["template"]["spec"]["containers"] if c["image"].startswith("redis:")]
    args = " ".join(redis[0].get("command", []) + redis[0].get("args", [])) if redis else ""
    if "--appendonly yes" not in args or "--appendfsync everysec" not in args:
        fail("dev", "no Redis StatefulSet with --appendonly yes --appendfsync everysec")
    if env.get("SHIPMATE__REDIS__URL") != "redis://redis:6379":
        fail("dev", "SHIPMATE__REDIS__URL is not redis://redis:6379")
    if not any(n.startswith("shipmate-secrets") for n in by_kind.get("Secret", {})):
        fail("dev", "no Secret shipmate-secrets")
    for n, s in by_kind.get("Secret", {}).items():
        for var in s.get("data", {}):
            check_key(f"dev Secret/{n}", var, "")


def check_production(by_kind, env):
    if "Secret" in by_kind:
        fail("production", f"renders a Secret ({', '.join(by_kind['Secret'])}): the operator creates it")
    if env.get("SHIPMATE__REDIS__MODE") != "cluster" or not env.get("SHIPMATE__REDIS__NODES"):
        fail("production", "Redis is not a cluster with seed nodes")
    for n, d in by_kind.get("Deployment", {}).items():
        if d["spec"]["template"]["spec"]["containers"][0]["image"].endswith(":latest"):
            fail(f"production Deployment/{n}", "image is not pinned to a version")


def main(dev_file, production_file):
    for doc in BROKEN:
        if schema_error(doc) is None:
            fail("self-test", f"the validator accepted a broken {doc['kind']}")
    for line in open(SECRETS_EXAMPLE):
        if line.strip() and not line.startswith("#"):
            var, _, value = line.strip().partition("=")
            check_key(SECRETS_EXAMPLE, var, "")
            if value:
                fail(SECRETS_EXAMPLE, f"{var} has a value: placeholders only")
    counts = {}
    for name, path, extra in (("dev", dev_file, check_dev),
                              ("production", production_file, check_production)):
        docs = [d for d in yaml.safe_load_all(open(path)) if d]
        counts[name] = len(docs)
        extra(*check_overlay(name, docs))
    for f in failures:
        print(f"FAIL {f}")
    if failures:
        return 1
    for name, n in counts.items():
        print(f"{name}: {n} documents valid against Kubernetes {K8S_VERSION} (strict), checks passed")
    print(f"self-test: the validator rejected {len(BROKEN)} broken documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
