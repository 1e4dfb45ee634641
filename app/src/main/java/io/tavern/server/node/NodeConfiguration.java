package io.tavern.server.node;

import io.tavern.db.node.NodeLeases;
import io.tavern.server.chat.MessageIds;
import io.tavern.server.config.TavernProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This node's identity among the servers sharing a database: its leased node id, and the message ids
 * minted with it. The lease is taken while the context starts, before the game port opens (chat offered
 * earlier would be refused), and released when the context closes, after the game port and before the
 * database it is recorded in.
 */
@Configuration(proxyBeanMethods = false)
public class NodeConfiguration {

    @Bean
    MessageIds messageIds() {
        return new MessageIds(Clock.systemUTC());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    NodeIdLease nodeIdLease(NodeLeases leases, MessageIds ids, NodeProperties properties, TavernProperties tavern) {
        return new NodeIdLease(leases, ids, properties, tavern.shutdown().nodeRelease());
    }
}
