//! One connection type over a single Redis node or a Redis Cluster, so the rest of the
//! store is written once. In cluster mode a pipeline must stay in one slot: commands on
//! keys of different slots go through [`Store::each`].

use redis::aio::{ConnectionLike, ConnectionManager};
use redis::cluster::ClusterClient;
use redis::cluster_async::ClusterConnection;
use redis::{Cmd, FromRedisValue, Pipeline, RedisFuture, Value};

use super::{Result, Store, StoreError};
use crate::config::{RedisConfig, RedisMode};

/// How to open connections: a node's URL or a cluster's seed nodes.
#[derive(Clone)]
pub(super) enum Client {
    Single(redis::Client),
    Cluster(Box<ClusterClient>),
}

impl Client {
    pub(super) fn open(cfg: &RedisConfig) -> Result<Client> {
        Ok(match cfg.mode {
            RedisMode::Single => Client::Single(redis::Client::open(cfg.url.as_str())?),
            RedisMode::Cluster => {
                if cfg.nodes.is_empty() {
                    return Err(StoreError::Config(
                        "redis.mode is \"cluster\" but redis.nodes is empty".into(),
                    ));
                }
                Client::Cluster(Box::new(ClusterClient::new(
                    cfg.nodes.iter().map(String::as_str),
                )?))
            }
        })
    }

    pub(super) async fn connect(&self) -> Result<Conn> {
        Ok(match self {
            Client::Single(c) => Conn::Single(ConnectionManager::new(c.clone()).await?),
            Client::Cluster(c) => Conn::Cluster(c.get_async_connection().await?),
        })
    }
}

/// A multiplexed connection that reconnects by itself; cheap to clone.
#[derive(Clone)]
pub enum Conn {
    Single(ConnectionManager),
    Cluster(ClusterConnection),
}

impl ConnectionLike for Conn {
    fn req_packed_command<'a>(&'a mut self, cmd: &'a Cmd) -> RedisFuture<'a, Value> {
        match self {
            Conn::Single(c) => c.req_packed_command(cmd),
            Conn::Cluster(c) => c.req_packed_command(cmd),
        }
    }

    fn req_packed_commands<'a>(
        &'a mut self,
        pipeline: &'a Pipeline,
        offset: usize,
        count: usize,
    ) -> RedisFuture<'a, Vec<Value>> {
        match self {
            Conn::Single(c) => c.req_packed_commands(pipeline, offset, count),
            Conn::Cluster(c) => c.req_packed_commands(pipeline, offset, count),
        }
    }

    fn get_db(&self) -> i64 {
        match self {
            Conn::Single(c) => c.get_db(),
            Conn::Cluster(c) => c.get_db(),
        }
    }
}

impl Store {
    /// Runs commands that may touch keys of different slots, in one round trip on a single
    /// node (a pipeline) or concurrently over the cluster; replies in order.
    pub(super) async fn each<T: FromRedisValue>(&self, cmds: Vec<Cmd>) -> Result<Vec<T>> {
        match self.conn() {
            Conn::Single(mut c) => {
                let mut pipe = redis::pipe();
                for cmd in cmds {
                    pipe.add_command(cmd);
                }
                Ok(pipe.query_async(&mut c).await?)
            }
            conn @ Conn::Cluster(_) => {
                let calls = cmds.into_iter().map(|cmd| {
                    let mut c = conn.clone();
                    async move { cmd.query_async::<T>(&mut c).await }
                });
                Ok(futures_util::future::try_join_all(calls).await?)
            }
        }
    }
}

/// A Redis URL without its password, for messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***@{}", &url[..s], &url[at + 1..]),
        _ => url.to_owned(),
    }
}
