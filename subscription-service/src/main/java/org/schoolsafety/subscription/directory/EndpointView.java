package org.schoolsafety.subscription.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.subscription.store.ViewScripts;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Endpoints in Redis, built only from the {@code directory} topic: one JSON document per endpoint (with the
 * offset of its record), the endpoints of each organisation, and per organisation the channel and address of
 * each endpoint that is not removed, to refuse duplicates, and per feed the endpoints subscribed to it (the
 * audience index), and per channel and address the endpoints of every organisation that use it (SMS replies
 * and bounces concern a number or mailbox, not one organisation). One Lua script applies a record and ignores one
 * older than what it holds. Keys: {@code ep:<id>}, {@code ep:org:<organisation id>},
 * {@code ep:addr:<organisation id>}, {@code ep:feed:<feed>}, {@code ep:at:<channel>|<address>}.
 */
@Component
public class EndpointView {

    private static final RedisScript<Long> APPLY = RedisScript.of("""
            local id = ARGV[1]
            local offset = tonumber(ARGV[2])
            local key = 'ep:' .. id
            local held = redis.call('GET', key)
            if held then
              local old = cjson.decode(held)
              if tonumber(old.offset) >= offset then return 0 end
              redis.call('SREM', 'ep:org:' .. old.event.organisationId, id)
              for _, feed in ipairs(old.event.feeds) do redis.call('SREM', 'ep:feed:' .. feed, id) end
              redis.call('SREM', 'ep:at:' .. old.event.channel .. '|' .. old.event.address, id)
              if redis.call('HGET', 'ep:addr:' .. old.event.organisationId, old.event.channel .. '|' .. old.event.address) == id then
                redis.call('HDEL', 'ep:addr:' .. old.event.organisationId, old.event.channel .. '|' .. old.event.address)
              end
            end
            local new = cjson.decode(ARGV[3])
            redis.call('SET', key, ARGV[3])
            redis.call('SADD', 'ep:org:' .. new.event.organisationId, id)
            if not new.event.removed then
              for _, feed in ipairs(new.event.feeds) do redis.call('SADD', 'ep:feed:' .. feed, id) end
              redis.call('HSET', 'ep:addr:' .. new.event.organisationId, new.event.channel .. '|' .. new.event.address, id)
              redis.call('SADD', 'ep:at:' .. new.event.channel .. '|' .. new.event.address, id)
            end
            return 1
            """, Long.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StringRedisTemplate redis;

    private final AudienceIndex index;

    EndpointView(StringRedisTemplate redis, AudienceIndex index) {
        this.redis = redis;
        this.index = index;
    }

    /** An endpoint record as held: the event and the offset it came from. */
    record Held(EndpointChanged event, long offset) {}

    /** Applies one record of the topic (a no-op when the view holds this or a later record). */
    public void apply(EndpointChanged event, long offset) {
        applyAll(List.of(Map.entry(event, offset)));
    }

    /** Applies records in one round trip; each is checked against what the view holds. */
    void applyAll(List<Map.Entry<EndpointChanged, Long>> records) {
        index.applyEndpoints(records); // first: the audience index does not wait for Redis
        ViewScripts.evalEach(
                redis,
                APPLY,
                records.stream()
                        .map(record -> List.of(
                                ViewScripts.bytes(record.getKey().endpointId()),
                                ViewScripts.bytes(Long.toString(record.getValue())),
                                JSON.writeValueAsBytes(new Held(record.getKey(), record.getValue()))))
                        .toList());
    }

    public Optional<EndpointChanged> get(String id) {
        return Optional.ofNullable(redis.opsForValue().get("ep:" + id)).map(EndpointView::read);
    }

    /** Every endpoint of an organisation, removed ones included, in no particular order. */
    public List<EndpointChanged> ofOrganisation(String organisationId) {
        return members("ep:org:" + organisationId);
    }

    /** Every endpoint subscribed to a feed and not removed (verified or not), read in one pass. */
    public List<EndpointChanged> subscribedTo(Feed feed) {
        return members("ep:feed:" + feed.name());
    }

    private List<EndpointChanged> members(String setKey) {
        Set<String> ids = redis.opsForSet().members(setKey);
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<String> values =
                redis.opsForValue().multiGet(ids.stream().map(id -> "ep:" + id).toList());
        List<EndpointChanged> endpoints = new ArrayList<>(ids.size());
        if (values != null) {
            for (String value : values) {
                if (value != null) {
                    endpoints.add(read(value));
                }
            }
        }
        return endpoints;
    }

    /** Every endpoint with this channel and address in any organisation, removed ones excepted. */
    public List<EndpointChanged> atAddress(Channel channel, String address) {
        return members("ep:at:" + channel.name() + "|" + address);
    }

    /** The endpoint of this organisation with this channel and address, unless removed. */
    public Optional<String> withAddress(String organisationId, String channel, String address) {
        Object id = redis.opsForHash().get("ep:addr:" + organisationId, channel + "|" + address);
        return Optional.ofNullable(id).map(Object::toString);
    }

    private static EndpointChanged read(String json) {
        return JSON.readValue(json, Held.class).event();
    }
}
