package org.schoolsafety.subscription.directory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.subscription.store.ViewScripts;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queryable directory in Redis, built only from the {@code directory} topic: one JSON document per
 * organisation, the children of each organisation, and a sorted set of name words for search. Applying a
 * record is one Lua script, so an organisation, its parent's child list and the name index never disagree,
 * and a record older than the one held (lower offset) changes nothing: replaying the topic is harmless.
 *
 * <p>Keys: {@code dir:org:<id>}, {@code dir:children:<id>}, {@code dir:names}. The script touches keys it
 * derives itself, so the view needs a single Redis (or Sentinel) rather than Redis Cluster.
 */
@Component
public class DirectoryView {

    static final String NAMES = "dir:names";

    /** No directory is deeper than state → region → county → district → school; guards against bad data. */
    private static final int MAX_DEPTH = 16;

    private static final RedisScript<Long> APPLY = RedisScript.of("""
            local id = ARGV[1]
            local offset = tonumber(ARGV[2])
            local key = 'dir:org:' .. id
            local held = redis.call('GET', key)
            if held then
              local old = cjson.decode(held)
              if tonumber(old.offset) >= offset then return 0 end
              if old.parentId and old.parentId ~= cjson.null then
                redis.call('SREM', 'dir:children:' .. old.parentId, id)
              end
              for _, word in ipairs(old.tokens) do redis.call('ZREM', 'dir:names', word .. '|' .. id) end
            end
            local new = cjson.decode(ARGV[3])
            redis.call('SET', key, ARGV[3])
            if new.parentId and new.parentId ~= cjson.null then
              redis.call('SADD', 'dir:children:' .. new.parentId, id)
            end
            for _, word in ipairs(new.tokens) do redis.call('ZADD', 'dir:names', 0, word .. '|' .. id) end
            return 1
            """, Long.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StringRedisTemplate redis;

    private final AudienceIndex index;

    DirectoryView(StringRedisTemplate redis, AudienceIndex index) {
        this.redis = redis;
        this.index = index;
    }

    /** Applies one record of the topic (a no-op when the view holds this or a later record). */
    void apply(OrganisationChanged event, long offset) {
        applyAll(List.of(Map.entry(event, offset)));
    }

    /** Applies records of the topic in one round trip; each is checked against what the view holds. */
    void applyAll(List<Map.Entry<OrganisationChanged, Long>> records) {
        applyOrganisations(records.stream()
                .map(record -> Organisation.of(record.getKey(), record.getValue()))
                .toList());
    }

    /** Applies organisations already built from their records (each with its offset). */
    void applyOrganisations(List<Organisation> organisations) {
        index.applyOrganisations(organisations); // first: the audience index does not wait for Redis
        ViewScripts.evalEach(
                redis,
                APPLY,
                organisations.stream()
                        .map(o -> List.of(
                                ViewScripts.bytes(o.id()),
                                ViewScripts.bytes(Long.toString(o.offset())),
                                JSON.writeValueAsBytes(o)))
                        .toList());
    }

    public Optional<Organisation> get(String id) {
        return Optional.ofNullable(redis.opsForValue().get("dir:org:" + id)).map(DirectoryView::read);
    }

    /** The organisations with these ids that exist, in the order given. */
    List<Organisation> getAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> values = redis.opsForValue()
                .multiGet(ids.stream().map(id -> "dir:org:" + id).toList());
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(Objects::nonNull).map(DirectoryView::read).toList();
    }

    /**
     * These organisations and all their ancestors, by id: one Redis round trip per level of the hierarchy, however
     * many organisations are asked for.
     */
    Map<String, Organisation> withAncestors(Collection<String> ids) {
        Map<String, Organisation> loaded = new HashMap<>();
        Collection<String> wanted = ids;
        for (int depth = 0; !wanted.isEmpty() && depth < MAX_DEPTH; depth++) {
            Set<String> parents = new HashSet<>();
            for (Organisation organisation : getAll(wanted)) {
                loaded.put(organisation.id(), organisation);
                if (organisation.parentId() != null && !loaded.containsKey(organisation.parentId())) {
                    parents.add(organisation.parentId());
                }
            }
            wanted = parents;
        }
        return loaded;
    }

    /** The organisation and its ancestors among {@code loaded}, itself first; empty when it is not there. */
    public static List<Organisation> chain(String id, Map<String, Organisation> loaded) {
        List<Organisation> chain = new ArrayList<>();
        Organisation at = loaded.get(id);
        while (at != null && chain.size() < MAX_DEPTH) {
            chain.add(at);
            at = at.parentId() == null ? null : loaded.get(at.parentId());
        }
        return chain;
    }

    /**
     * The organisation and everything below it, closed ones included: one pipelined round trip for the children
     * of each level and one read of their documents.
     */
    public List<Organisation> subtree(String id) {
        List<Organisation> all = new ArrayList<>(getAll(List.of(id)));
        List<String> level = all.stream().map(Organisation::id).toList();
        for (int depth = 0; !level.isEmpty() && depth < MAX_DEPTH; depth++) {
            List<String> parents = level;
            List<Object> children = redis.executePipelined((RedisCallback<Object>) connection -> {
                for (String parent : parents) {
                    connection.setCommands().sMembers(("dir:children:" + parent).getBytes(StandardCharsets.UTF_8));
                }
                return null;
            });
            List<String> next = new ArrayList<>();
            for (Object members : children) {
                if (members instanceof Collection<?> ids) {
                    ids.forEach(child -> next.add(child.toString()));
                }
            }
            List<Organisation> found = getAll(next);
            all.addAll(found);
            level = found.stream().map(Organisation::id).toList();
        }
        return all;
    }

    Set<String> childIds(String id) {
        Set<String> children = redis.opsForSet().members("dir:children:" + id);
        return children == null ? Set.of() : children;
    }

    /** Ids of organisations with a name word starting with {@code prefix} (lower-case), at most {@code limit}. */
    List<String> idsWithWordStartingWith(String prefix, int limit) {
        Set<String> entries = redis.opsForZSet()
                .rangeByLex(
                        NAMES,
                        Range.closed(prefix, prefix + Character.MAX_VALUE),
                        Limit.limit().count(limit));
        List<String> ids = new ArrayList<>();
        if (entries != null) {
            for (String entry : entries) {
                ids.add(entry.substring(entry.indexOf('|') + 1));
            }
        }
        return ids;
    }

    private static Organisation read(String json) {
        return JSON.readValue(json, Organisation.class);
    }
}
