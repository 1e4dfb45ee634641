package io.tavern.server.observability;

import io.tavern.server.chat.ChatRecorder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Puts a {@link CountingChatRecorder} in front of the {@link ChatRecorder} bean, whichever
 * configuration defines it (the chat archive's, or none): every scope hands each message to the
 * recorder before delivering it, so that is the one place that sees all chat, and the chat code
 * stays free of metrics.
 */
final class ChatRecorderInstrumentation implements BeanPostProcessor {

    private final ObjectProvider<ChatMetrics> metrics;

    /** @param metrics looked up late: a post-processor is created before ordinary beans */
    ChatRecorderInstrumentation(ObjectProvider<ChatMetrics> metrics) {
        this.metrics = metrics;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ChatRecorder recorder && !(bean instanceof CountingChatRecorder)) {
            return new CountingChatRecorder(recorder, metrics.getObject());
        }
        return bean;
    }
}
