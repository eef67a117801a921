package org.schoolsafety.delivery;

import java.lang.reflect.Method;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.schoolsafety.delivery.quiet.BulkHold;
import org.schoolsafety.delivery.settings.ChannelListeners;
import org.schoolsafety.delivery.settings.DeliverySettings;
import org.schoolsafety.delivery.settings.LanePolicy;
import org.schoolsafety.events.Topic;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Lane;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.kafka.annotation.KafkaListenerAnnotationBeanPostProcessor;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.adapter.KafkaMessageHandlerMethodFactory;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.retrytopic.RetryTopicConfigurer;
import org.springframework.kafka.retrytopic.SameIntervalTopicReuseStrategy;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.kafka.support.EndpointHandlerMethod;
import org.springframework.messaging.converter.GenericMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.backoff.BackOff;

/**
 * The listeners of every channel ({@link Sender}) and lane, with their retry and dead-letter topics, built once from
 * {@link DeliverySettings} as {@code @RetryableTopic} would build them for each:
 * <ul>
 *   <li>listener {@code <channel>-<lane>} (e.g. {@code webhooks-urgent}, {@code email-bulk}, {@code sms-urgent}) in
 *       group {@code delivery-<channel>-<lane>} reads {@code delivery-requests-<lane>} with the channel's consumers
 *       for the lane, and runs only while the channel is {@code enabled};
 *   <li>its retry topics are numbered, {@code delivery-requests-<lane>-<channel>-retry-0} to {@code -retry-N}, one
 *       per retry ({@link TopicSuffixingStrategy#SUFFIX_WITH_INDEX_VALUE},
 *       {@link SameIntervalTopicReuseStrategy#MULTIPLE_TOPICS}), rather than named by their delay: the delays are
 *       jittered and drawn again at each start, and named by delay, the requests waiting on the previous
 *       instance's topics were never read again (issue 27). Numbered, names depend only on the lane's attempts;
 *       the delay a request waits is in its {@code retry_topic-backoff-timestamp} header. The dead-letter topic is
 *       {@code delivery-requests-<lane>-dlt}, shared by the channels (each takes only its own requests);
 *   <li>the delays are the lane's {@link LanePolicy}, doubling from the first;
 *   <li>a sender that delivers concurrently ({@link Sender#deliversConcurrently}) gets the containers without an
 *       observation per record and {@code ssn.delivery.retry-consumers} consumers on each retry and dead-letter
 *       topic; one that delivers in turn gets the observed containers, and as many as its lane.
 * </ul>
 */
@Component
class DeliveryListeners implements KafkaListenerConfigurer {

    /** Retry topics are created with as many partitions as the lanes. */
    static final int RETRY_PARTITIONS = 12;

    /** Each retry waits twice as long as the one before, up to the lane's {@code max-retry}. */
    static final double MULTIPLIER = 2.0;

    /** The word naming a channel's listeners and groups: the same as its settings group. */
    private static final Map<Channel, String> NAMES = new EnumMap<>(Map.of(
            Channel.WEBHOOK, "webhooks",
            Channel.EMAIL, "email",
            Channel.SMS, "sms"));

    private static final Method CONCURRENTLY = method("concurrently");
    private static final Method IN_TURN = method("inTurn");
    private static final Method GAVE_UP = method("gaveUp");

    private final List<Sender> senders;
    private final Deliveries deliveries;
    private final DeliverySettings settings;
    private final RetryTopicConfigurer retryTopics;
    private final KafkaOperations<?, ?> template;
    private final BeanFactory beans;
    private final BulkHold hold;
    private final KafkaMessageHandlerMethodFactory handlerMethods = new KafkaMessageHandlerMethodFactory();

    DeliveryListeners(
            List<Sender> senders,
            Deliveries deliveries,
            DeliverySettings settings,
            RetryTopicConfigurer retryTopics,
            KafkaOperations<?, ?> template,
            BeanFactory beans,
            BulkHold hold) {
        this.hold = hold;
        this.senders = senders;
        this.deliveries = deliveries;
        this.settings = settings;
        this.retryTopics = retryTopics;
        this.template = template;
        this.beans = beans;
        // as the annotation processor's default: the listener methods take the ConsumerRecord itself
        DefaultFormattingConversionService conversions = new DefaultFormattingConversionService();
        this.handlerMethods.setBeanFactory(beans);
        this.handlerMethods.setConversionService(conversions);
        this.handlerMethods.setMessageConverter(new GenericMessageConverter(conversions));
        this.handlerMethods.afterPropertiesSet();
    }

    /** The id of a channel's listener of a lane, which also keys its retry topics' destinations. */
    static String listenerId(Channel channel, Lane lane) {
        return NAMES.get(channel) + "-" + lane.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        for (Sender sender : senders) {
            for (Lane lane : Lane.values()) {
                register(registrar, sender, lane);
            }
        }
    }

    private void register(KafkaListenerEndpointRegistrar registrar, Sender sender, Lane lane) {
        ChannelListeners channel = settings.listeners(sender.channel());
        boolean concurrent = sender.deliversConcurrently();
        String id = listenerId(sender.channel(), lane);
        String topic = Topics.deliveryRequests(lane).name();
        String factoryName = concurrent
                ? DeliveryConfiguration.CONCURRENT_CONTAINER_FACTORY
                : DeliveryConfiguration.CONTAINER_FACTORY;
        LaneListener listener = new LaneListener(deliveries, sender, id, hold);
        LanePolicy policy = settings.lane(lane);
        RetryTopicConfiguration retries = RetryTopicConfigurationBuilder.newInstance()
                .maxAttempts(policy.attempts())
                .customBackoff(backOff(policy))
                .setTopicSuffixingStrategy(TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE)
                .sameIntervalTopicReuseStrategy(SameIntervalTopicReuseStrategy.MULTIPLE_TOPICS)
                .retryTopicSuffix("-" + sender.channel().name().toLowerCase(Locale.ROOT) + "-retry")
                .dltSuffix(Topic.DEAD_LETTER_SUFFIX)
                .dltHandlerMethod(new EndpointHandlerMethod(listener, GAVE_UP))
                .autoStartDltHandler(channel.enabled())
                .includeTopic(topic)
                .autoCreateTopicsWith(RETRY_PARTITIONS, null)
                .listenerFactory(factoryName)
                .concurrency(concurrent ? settings.retryConsumers() : null)
                .create(template);
        MethodKafkaListenerEndpoint<String, Object> main = new MethodKafkaListenerEndpoint<>();
        main.setId(id);
        main.setMethod(concurrent ? CONCURRENTLY : IN_TURN);
        retryTopics.processMainAndRetryListeners(
                endpoint -> {
                    endpoint.setBean(listener);
                    endpoint.setMessageHandlerMethodFactory(handlerMethods);
                    endpoint.setGroupId("delivery-" + id);
                    endpoint.setTopics(topic);
                    endpoint.setConcurrency(channel.consumers(lane));
                    endpoint.setAutoStartup(channel.enabled());
                    endpoint.setBeanFactory(beans);
                },
                main,
                retries,
                registrar,
                beans.getBean(factoryName, KafkaListenerContainerFactory.class),
                KafkaListenerAnnotationBeanPostProcessor.DEFAULT_KAFKA_LISTENER_CONTAINER_FACTORY_BEAN_NAME);
    }

    /** Exponential and jittered, as {@code @BackOff(delay, multiplier, maxDelay, jitter)} builds it. */
    static BackOff backOff(LanePolicy policy) {
        RetryPolicy.Builder builder = RetryPolicy.builder()
                .maxRetries(Long.MAX_VALUE)
                .delay(policy.firstRetry())
                .maxDelay(policy.maxRetry())
                .multiplier(MULTIPLIER);
        if (policy.jitter().isPositive()) {
            builder.jitter(policy.jitter());
        }
        return builder.build().getBackOff();
    }

    private static Method method(String name) {
        Method method = ReflectionUtils.findMethod(LaneListener.class, name, ConsumerRecord.class);
        if (method == null) {
            throw new IllegalStateException("LaneListener." + name + " is missing");
        }
        return method;
    }
}
