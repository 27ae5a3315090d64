package io.hakeeper.engine.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request line in, one answer line out: parses the JSON, checks the command's fields, asks
 * {@link Permissions} for changes, calls the {@link ControlService}, and writes the answer. Every change
 * asked for, allowed or not, leaves an audit line with the peer's uid and pid. Knows nothing of sockets.
 */
public final class ControlProtocol {

    private static final Logger AUDIT = LoggerFactory.getLogger("hakeeper.audit");

    /** The commands that change something, and so need root or admin_group. */
    static final Set<String> CHANGES = Set.of("reload", "priority", "maintenance");

    private final ControlService service;
    private final Permissions permissions;

    public ControlProtocol(ControlService service, Permissions permissions) {
        this.service = service;
        this.permissions = permissions;
    }

    /** What to do with one line. */
    public sealed interface Reply {
        /** The answer line to write. */
        String line();
    }

    /** Answer and read the next request. */
    public record Answer(String line) implements Reply {
    }

    /** Answer, then close the connection (the line was not a request at all). */
    public record Fatal(String line) implements Reply {
    }

    /** Acknowledge, then stream events on this connection until the client closes it. */
    public record Subscribe(String line) implements Reply {
    }

    public Reply handle(String line, PeerCredentials peer) {
        Map<String, Object> request;
        try {
            request = Json.parseObject(line);
        } catch (Json.JsonException e) {
            return new Fatal(error(ErrorCode.BAD_REQUEST, e.getMessage()));
        }
        Object cmd = request.get("cmd");
        if (!(cmd instanceof String command)) {
            return new Fatal(error(ErrorCode.BAD_REQUEST, "a request is {\"cmd\": \"...\", ...}: \"cmd\" must be a string"));
        }
        if (CHANGES.contains(command) && !permissions.mayChange(peer)) {
            AUDIT.warn("refused {} from {}: {}", command, peer, Json.write(request));
            return new Answer(error(ErrorCode.PERMISSION_DENIED, command + " changes the daemon: it needs uid 0 or "
                    + permissions.adminGroup().map(group -> "membership of group " + group)
                            .orElse("an admin_group (none is configured)")
                    + "; " + peer + " has neither"));
        }
        try {
            if (command.equals("events")) {
                fields(request);
                return new Subscribe(ok(Map.of("subscribed", true)));
            }
            Map<String, Object> result = dispatch(command, request);
            if (CHANGES.contains(command)) {
                AUDIT.info("{} by {}: {} -> ok", command, peer, Json.write(request));
            }
            return new Answer(ok(result));
        } catch (ControlException e) {
            if (CHANGES.contains(command)) {
                AUDIT.info("{} by {}: {} -> {}", command, peer, Json.write(request), e.code().wire());
            }
            return new Answer(error(e));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ControlProtocol.class).error("control: {} failed", command, e);
            return new Answer(error(ErrorCode.INTERNAL, command + " failed: " + e));
        }
    }

    private Map<String, Object> dispatch(String command, Map<String, Object> request) throws ControlException {
        return switch (command) {
            case "status" -> {
                fields(request);
                yield service.status();
            }
            case "instance" -> {
                fields(request, "name");
                yield service.instance(name(request));
            }
            case "peers" -> {
                fields(request);
                yield service.peers();
            }
            case "checks" -> {
                fields(request);
                yield service.checks();
            }
            case "plugins" -> {
                fields(request);
                yield service.plugins();
            }
            case "stats" -> {
                fields(request);
                yield service.stats();
            }
            case "config" -> {
                fields(request);
                yield service.config();
            }
            case "reload" -> {
                fields(request);
                yield service.reload();
            }
            case "priority" -> {
                fields(request, "name", "priority", "reset");
                yield service.priority(name(request), priority(request));
            }
            case "maintenance" -> {
                fields(request, "name", "on");
                if (!(request.get("on") instanceof Boolean on)) {
                    throw new ControlException(ErrorCode.INVALID_ARGUMENT, "maintenance needs \"on\": true or false");
                }
                yield service.maintenance(name(request), on);
            }
            default -> throw new ControlException(ErrorCode.UNKNOWN_COMMAND, "no command \"" + command
                    + "\"; the commands are status, instance, peers, checks, plugins, stats, events, config, reload,"
                    + " priority, maintenance");
        };
    }

    private static void fields(Map<String, Object> request, String... allowed) throws ControlException {
        for (String key : request.keySet()) {
            if (!key.equals("cmd") && !Set.of(allowed).contains(key)) {
                throw new ControlException(ErrorCode.INVALID_ARGUMENT, "\"" + key + "\" is not a field of "
                        + request.get("cmd") + (allowed.length == 0 ? " (it takes none)"
                        : " (it takes " + String.join(", ", allowed) + ")"));
            }
        }
    }

    private static String name(Map<String, Object> request) throws ControlException {
        if (!(request.get("name") instanceof String name) || name.isEmpty()) {
            throw new ControlException(ErrorCode.INVALID_ARGUMENT, request.get("cmd")
                    + " needs \"name\": the instance's name");
        }
        return name;
    }

    private static OptionalInt priority(Map<String, Object> request) throws ControlException {
        boolean reset = Boolean.TRUE.equals(request.get("reset"));
        Object priority = request.get("priority");
        if (reset == (priority != null)) {
            throw new ControlException(ErrorCode.INVALID_ARGUMENT,
                    "priority needs either \"priority\": 1-254 or \"reset\": true");
        }
        if (reset) {
            return OptionalInt.empty();
        }
        if (!(priority instanceof Long value) || value < 1 || value > 254) {
            throw new ControlException(ErrorCode.INVALID_ARGUMENT, "\"priority\" must be a whole number from 1 to 254, not "
                    + Json.write(priority));
        }
        return OptionalInt.of(value.intValue());
    }

    public static String ok(Map<String, Object> result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("result", result);
        return Json.write(answer);
    }

    public static String error(ErrorCode code, String message) {
        return error(new ControlException(code, message));
    }

    public static String error(ControlException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code().wire());
        error.put("message", e.getMessage());
        if (e.details() != null) {
            error.put("details", e.details());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", false);
        answer.put("error", error);
        return Json.write(answer);
    }
}
