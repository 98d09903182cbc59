package io.openloop.ledger.api.aap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.openloop.ledger.api.invocation.CreditHeaders;
import io.openloop.ledger.api.proof.ProofRequests.ProofRequest;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.credit.CreditBalance;
import io.openloop.ledger.messages.loop.FindLoopByHandleQuery;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.LoopView;
import io.openloop.ledger.messages.loop.VerificationStatus;
import io.openloop.ledger.messages.task.CancelTaskCommand;
import io.openloop.ledger.messages.task.DeclineOfferCommand;
import io.openloop.ledger.messages.task.DisputeTaskCommand;
import io.openloop.ledger.messages.task.FailTaskCommand;
import io.openloop.ledger.messages.task.MakeOfferCommand;
import io.openloop.ledger.messages.task.RejectTaskCommand;
import io.openloop.ledger.messages.task.RequestTaskCommand;
import io.openloop.ledger.messages.task.RequestTaskInputCommand;
import io.openloop.ledger.messages.task.SendTaskUpdateCommand;
import io.openloop.ledger.messages.task.TaskMessageType;
import io.openloop.ledger.messages.task.TaskPolicyDecision;
import io.openloop.ledger.messages.task.TaskState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Takes AAP messages. A {@code TASK_REQUEST} opens a task with a verified business; every other type names the task
 * it replies to and goes to that task, which decides whether the sender and the state fit.
 */
@RestController
class AapMessageRoute {

    private static final Logger log = LoggerFactory.getLogger(AapMessageRoute.class);

    /** Kinds of task use the vocabulary of tool categories. */
    private static final Pattern TASK_NAME = Pattern.compile("[a-z0-9_]{1,64}");

    /** How long an offer stays open when the business names no expiry. */
    private static final Duration DEFAULT_OFFER_LIFETIME = Duration.ofHours(24);

    private final Dispatcher dispatcher;
    private final TaskTimeline timeline;
    private final TaskPolicyCheck policies;
    private final ContractSteps contracts;
    private final Clock clock;

    AapMessageRoute(
            Dispatcher dispatcher,
            TaskTimeline timeline,
            TaskPolicyCheck policies,
            ContractSteps contracts,
            Clock clock) {
        this.dispatcher = dispatcher;
        this.timeline = timeline;
        this.policies = policies;
        this.contracts = contracts;
        this.clock = clock;
    }

    /**
     * Sends an AAP message. Returns 201 with the message id, the task id and the task's state after the message. A
     * request that the business's task policy rejects is recorded and returned with state {@code REJECTED} and the
     * reason. A message that does not fit the task gets 409 {@code INVALID_STATE} with {@code currentState}.
     */
    @RequiresScope(value = Scope.AAP_SEND, operator = false)
    @PostMapping(
            path = "/api/aap/messages",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<MessageSent>> send(
            @RequestBody(required = false) MessageRequest request, Caller caller, ServerWebExchange exchange) {
        return Blocking.call(() -> {
            Requests.requireBody(request);
            LiveKeys.requireLive(caller);
            TaskMessageType type = parseType(request.type());
            String messageId = Ids.newId(Ids.MESSAGE);
            Sent sent = type == TaskMessageType.TASK_REQUEST
                    ? new Sent(openTask(messageId, request, caller, exchange), null)
                    : reply(type, messageId, request, caller, exchange);
            ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.CREATED)
                    .location(URI.create("/api/tasks/" + sent.message().taskId()));
            if (sent.balance() != null) {
                CreditHeaders.add(response, sent.balance());
            }
            return response.body(sent.message());
        });
    }

    private MessageSent openTask(String messageId, MessageRequest request, Caller caller, ServerWebExchange exchange) {
        if (request.taskId() != null) {
            throw Requests.invalid("taskId", "a TASK_REQUEST opens a new task, so it takes no taskId");
        }
        if (request.to() == null) {
            throw Requests.invalid("to", "to is missing; name the business by handle, for example \"@acme_business\"");
        }
        Handle handle = parseHandle(request.to());
        String task = request.task();
        if (task == null) {
            throw Requests.invalid("task", "task is missing; name the kind of task, for example \"quote_request\"");
        }
        if (!TASK_NAME.matcher(task).matches()) {
            throw Requests.invalid("task", "task must be 1-64 characters of a-z, 0-9 and _");
        }
        JsonNode inputs = request.inputs() == null || request.inputs().isNull()
                ? JsonNodeFactory.instance.objectNode()
                : request.inputs();
        if (!inputs.isObject()) {
            throw Requests.invalid("inputs", "inputs must be a JSON object");
        }

        LoopView business =
                dispatcher.query(new FindLoopByHandleQuery(handle), ResponseTypes.instanceOf(LoopView.class));
        requireReachableBusiness(business, caller);
        TaskPolicyDecision decision = policies.evaluate(business.loopId(), caller.loopId(), task, inputs);

        String taskId = Ids.newId(Ids.TASK);
        dispatcher.send(
                new RequestTaskCommand(
                        taskId, messageId, caller.loopId(), business.loopId(), caller.keyId(), task, inputs, decision),
                caller,
                exchange);
        if (decision.accepted()) {
            log.info("Task {} ({}) requested by loop {} from business {}", taskId, task, caller.loopId(), handle);
        } else {
            log.info(
                    "Task {} ({}) from loop {} rejected by the task policy of {}: {}",
                    taskId,
                    task,
                    caller.loopId(),
                    handle,
                    decision.code());
        }
        TaskState state = decision.accepted() ? TaskState.REQUESTED : TaskState.REJECTED;
        Rejection rejection = decision.accepted() ? null : new Rejection(decision.code(), decision.reason());
        return new MessageSent(
                messageId,
                TaskMessageType.TASK_REQUEST,
                taskId,
                caller.loopId(),
                business.loopId(),
                state,
                rejection,
                clock.instant());
    }

    private void requireReachableBusiness(LoopView business, Caller caller) {
        if (business.loopId().equals(caller.loopId())) {
            throw Requests.invalid("to", "a loop cannot send a task request to itself");
        }
        if (business.status() == LoopStatus.SUSPENDED) {
            throw new LedgerException(
                    ErrorCode.LOOP_SUSPENDED,
                    "business " + business.handle() + " is suspended and takes no task requests",
                    Map.of("handle", business.handle()));
        }
        if (business.kind() != LoopKind.BUSINESS || business.verification() != VerificationStatus.VERIFIED) {
            throw new LedgerException(
                    ErrorCode.BUSINESS_NOT_VERIFIED,
                    business.handle() + " is not a verified business; task requests go to verified businesses only",
                    Map.of("handle", business.handle()));
        }
    }

    private Sent reply(
            TaskMessageType type, String messageId, MessageRequest request, Caller caller, ServerWebExchange exchange) {
        String taskId = request.taskId();
        if (taskId == null) {
            throw Requests.invalid("taskId", "taskId is missing; a " + type + " replies to an existing task");
        }
        if (!Ids.isValid(taskId, Ids.TASK)) {
            throw Requests.invalid("taskId", "taskId is not a task id");
        }
        TaskSnapshot task = timeline.requireParty(taskId, caller);
        String otherParty = task.otherPartyOf(caller.loopId());
        if (request.to() != null) {
            requireAddressee(request.to(), otherParty);
        }

        String sender = caller.loopId();
        CreditBalance balance = null;
        switch (type) {
            case TASK_OFFER, COUNTER_OFFER ->
                dispatcher.send(offer(type, messageId, request, sender), caller, exchange);
            case OFFER_ACCEPT -> balance = contracts.accept(task, messageId, request.offerId(), caller, exchange);
            case OFFER_DECLINE ->
                dispatcher.send(new DeclineOfferCommand(taskId, messageId, sender, request.reason()), caller, exchange);
            case TASK_REJECT ->
                dispatcher.send(new RejectTaskCommand(taskId, messageId, sender, request.reason()), caller, exchange);
            case TASK_UPDATE ->
                dispatcher.send(
                        requireContent(new SendTaskUpdateCommand(
                                taskId, messageId, sender, request.message(), request.data())),
                        caller,
                        exchange);
            case INPUT_REQUEST ->
                dispatcher.send(
                        new RequestTaskInputCommand(taskId, messageId, sender, request.question(), request.data()),
                        caller,
                        exchange);
            case TASK_COMPLETE ->
                contracts.complete(task, messageId, request.result(), request.proofs(), caller, exchange);
            case TASK_FAIL ->
                dispatcher.send(new FailTaskCommand(taskId, messageId, sender, request.reason()), caller, exchange);
            case TASK_CANCEL ->
                dispatcher.send(new CancelTaskCommand(taskId, messageId, sender, request.reason()), caller, exchange);
            case TASK_DISPUTE ->
                dispatcher.send(new DisputeTaskCommand(taskId, messageId, sender, request.reason()), caller, exchange);
            default -> throw new IllegalStateException("unhandled message type " + type);
        }

        TaskSnapshot after = timeline.require(taskId);
        log.info("Task {}: {} {} from loop {}, now {}", taskId, type, messageId, sender, after.state());
        return new Sent(
                new MessageSent(messageId, type, taskId, sender, otherParty, after.state(), null, clock.instant()),
                balance);
    }

    private static SendTaskUpdateCommand requireContent(SendTaskUpdateCommand update) {
        boolean empty = (update.message() == null || update.message().isBlank())
                && (update.data() == null || update.data().isNull());
        if (empty) {
            throw Requests.invalid("message", "a TASK_UPDATE carries a message, data or both");
        }
        return update;
    }

    private MakeOfferCommand offer(TaskMessageType type, String messageId, MessageRequest request, String sender) {
        if (request.price() == null) {
            throw Requests.invalid("price", "price is missing; an offer names its price in credits, 0 or more");
        }
        Instant expiresAt = request.expiresAt() != null
                ? request.expiresAt()
                : clock.instant().plus(DEFAULT_OFFER_LIFETIME);
        return new MakeOfferCommand(
                request.taskId(),
                messageId,
                sender,
                type == TaskMessageType.COUNTER_OFFER,
                messageId,
                request.price(),
                request.terms(),
                expiresAt,
                request.deadline());
    }

    private void requireAddressee(String to, String otherParty) {
        Handle handle = parseHandle(to);
        LoopView addressee;
        try {
            addressee = dispatcher.query(new FindLoopByHandleQuery(handle), ResponseTypes.instanceOf(LoopView.class));
        } catch (LedgerException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            addressee = null;
        }
        if (addressee == null || !addressee.loopId().equals(otherParty)) {
            throw Requests.invalid("to", "to must be the other party of the task, or left out");
        }
    }

    private static Handle parseHandle(String to) {
        try {
            return Handle.of(to);
        } catch (LedgerException e) {
            throw Requests.invalid("to", e.getMessage().replaceFirst("^handle", "to"));
        }
    }

    static TaskMessageType parseType(String type) {
        if (type == null) {
            throw Requests.invalid("type", "type is missing; for example \"TASK_REQUEST\"");
        }
        for (TaskMessageType candidate : TaskMessageType.values()) {
            if (candidate.name().equals(type)) {
                return candidate;
            }
        }
        throw Requests.invalid("type", "type must be one of " + List.of(TaskMessageType.values()));
    }

    /**
     * Body of an AAP message. Which fields apply depends on the type: {@code to}, {@code task} and {@code inputs} open
     * a task; {@code price}, {@code terms}, {@code expiresAt} and {@code deadline} make an offer; {@code offerId}
     * accepts one; {@code reason} declines, rejects, fails, cancels or disputes; {@code message} and {@code data}
     * update; {@code question} asks for input; {@code result} and {@code proofs} complete.
     */
    record MessageRequest(
            String type,
            String to,
            String taskId,
            String task,
            JsonNode inputs,
            String offerId,
            Long price,
            String terms,
            Instant expiresAt,
            Instant deadline,
            String reason,
            String message,
            JsonNode data,
            String question,
            JsonNode result,
            List<ProofRequest> proofs) {}

    /**
     * The response to a message that was recorded.
     *
     * @param id the message id, which offers are accepted by
     * @param from the sending loop
     * @param to the receiving loop
     * @param state the task's state once the message was applied
     * @param rejection why the business's task policy rejected a request; null otherwise
     */
    record MessageSent(
            String id,
            TaskMessageType type,
            String taskId,
            String from,
            String to,
            TaskState state,
            Rejection rejection,
            Instant createdAt) {}

    /** A recorded message, and the requester's balance when the message placed a hold. */
    private record Sent(MessageSent message, CreditBalance balance) {}

    /** The code and sentence of a rejection by task policy. */
    record Rejection(String code, String reason) {}
}
