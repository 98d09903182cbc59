package io.openloop.ledger.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.auth.EffectivePermissions;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.credit.CreditAccountOpenedEvent;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditsGrantedEvent;
import io.openloop.ledger.messages.credit.CreditsHeldEvent;
import io.openloop.ledger.messages.credit.CreditsReceivedEvent;
import io.openloop.ledger.messages.credit.HoldCapturedEvent;
import io.openloop.ledger.messages.credit.HoldExpiryScheduledEvent;
import io.openloop.ledger.messages.credit.HoldReleasedEvent;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationQueuedEvent;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.loop.ApiKeyIssuedEvent;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.policy.ApprovalRule;
import io.openloop.ledger.messages.policy.LoopPolicy;
import io.openloop.ledger.messages.policy.LoopPolicyChangedEvent;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.ProofVerificationRaisedEvent;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.proof.VerificationMethod;
import io.openloop.ledger.messages.proof.VerifierRegisteredEvent;
import io.openloop.ledger.messages.task.OfferAcceptedEvent;
import io.openloop.ledger.messages.task.OfferMadeEvent;
import io.openloop.ledger.messages.task.TaskCompletedEvent;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskPolicy;
import io.openloop.ledger.messages.task.TaskPolicyChangedEvent;
import io.openloop.ledger.messages.task.TaskPolicyRule;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import io.openloop.ledger.messages.tool.ToolManifest;
import io.openloop.ledger.messages.tool.ToolNames;
import io.openloop.ledger.messages.tool.ToolVersionDeprecatedEvent;
import io.openloop.ledger.messages.tool.ToolVersionPublishedEvent;
import io.openloop.ledger.messages.tool.ToolVisibility;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * One group of the {@code ledger} mix: 100 events that give every replayable projection events it applies, in the
 * order and with the fields the aggregates and the API's flows produce them.
 *
 * <p>A developer loop and a business loop register (each with its owner key) and their credit accounts open with the
 * plan's opening grant. A verifier registers. The developer sets a loop policy. The business sets a task policy and
 * publishes two versions of a tool, then deprecates the first. The developer invokes the tool 9 times: 7 invocations
 * succeed with an attached proof that the platform's records raise to V2, the hold is captured and the business
 * receives the charge; 2 fail and their holds are released. The developer also hires the business for a task: offer,
 * hold of the price, acceptance, a completion with a proof, the capture and receipt of the price, the
 * settlement, and the proof raised to V5.
 *
 * <p>The group is a list of commits, each the events of one command on one aggregate, so every prefix of it is a
 * history the aggregates could have written: the filler cuts the last group short at the requested event count.
 */
final class LedgerGroup {

    /** The events of one group. */
    static final int SIZE = 100;

    private static final int SUCCEEDED = 7;
    private static final int FAILED = 2;
    private static final long ESTIMATE = 20;
    private static final long CHARGED = 15;
    private static final long TASK_PRICE = 50;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final int group;
    private final List<List<DomainEventMessage<?>>> commits = new ArrayList<>();
    private Instant clock;

    private final Stream developer;
    private final Stream business;
    private final Stream developerAccount;
    private final Stream businessAccount;
    private final Stream tool;
    private final String developerHandle;
    private final String businessHandle;
    private final String toolName;
    private final String ownerKeyId = Ids.newId(Ids.KEY);

    private LedgerGroup(int group, Instant start) {
        this.group = group;
        this.clock = start;
        String developerId = Ids.newId(Ids.LOOP);
        String businessId = Ids.newId(Ids.LOOP);
        this.developer = new Stream("Loop", developerId);
        this.business = new Stream("Loop", businessId);
        this.developerAccount = new Stream("CreditAccount", CreditAccounts.accountIdOf(developerId));
        this.businessAccount = new Stream("CreditAccount", CreditAccounts.accountIdOf(businessId));
        this.tool = new Stream("Tool", Ids.newId(Ids.TOOL));
        this.developerHandle = "@fill_dev_" + group;
        this.businessHandle = "@fill_biz_" + group;
        this.toolName = ToolNames.fullName(businessHandle, "quote_" + group);
    }

    /** Returns the commits of group {@code group}, in the order to append them. */
    static List<List<DomainEventMessage<?>>> commits(int group) {
        LedgerGroup built = new LedgerGroup(group, Instant.now());
        built.build();
        if (built.events() != SIZE) {
            throw new IllegalStateException("a ledger group has " + built.events() + " events, not " + SIZE);
        }
        return built.commits;
    }

    private int events() {
        return commits.stream().mapToInt(List::size).sum();
    }

    private void build() {
        register(developer, developerHandle, LoopKind.DEVELOPER, developerAccount);
        register(business, businessHandle, LoopKind.BUSINESS, businessAccount);
        String verifierId = Ids.newId(Ids.VERIFIER);
        commit(new Stream("Verifier", verifierId)
                .next(new VerifierRegisteredEvent(verifierId, "Fill auditor " + group, publicKey(), tick())));
        commit(developer.next(new LoopPolicyChangedEvent(
                developer.id,
                new LoopPolicy(
                        Set.of("gambling"),
                        Set.of("delete_account"),
                        List.of(new ApprovalRule("payments", null, RiskLevel.HIGH)),
                        500L),
                1,
                tick())));
        commit(business.next(new TaskPolicyChangedEvent(
                business.id,
                new TaskPolicy(Map.of("quote_request", new TaskPolicyRule(JSON.objectNode())), null),
                1,
                tick())));
        commit(tool.next(published("1.0.0")));
        commit(tool.next(published("1.1.0")));
        commit(tool.next(new ToolVersionDeprecatedEvent(tool.id, "1.0.0", "superseded by 1.1.0", tick())));
        for (int i = 0; i < SUCCEEDED + FAILED; i++) {
            invoke(i < SUCCEEDED);
        }
        task();
    }

    /** Adds the registration's commit (the loop and its owner key), then the opener's (the account and its grant). */
    private void register(Stream loop, String handle, LoopKind kind, Stream account) {
        Instant at = tick();
        commit(
                loop.next(new LoopRegisteredEvent(
                        loop.id,
                        Handle.of(handle),
                        "Ledger fill " + kind.name().toLowerCase() + " " + group,
                        kind,
                        Plan.PRO,
                        Scope.all(),
                        Set.of(EffectivePermissions.EVERY_SKILL),
                        ExecutionMode.GUIDED,
                        at)),
                loop.next(ownerKey(loop.id, loop == developer ? ownerKeyId : Ids.newId(Ids.KEY), at)));
        Instant opened = tick();
        long grant = Plan.PRO.openingGrant();
        account.balance = grant;
        commit(
                account.next(new CreditAccountOpenedEvent(account.id, loop.id, opened)),
                account.next(new CreditsGrantedEvent(account.id, "opening", grant, "opening grant", grant, opened)));
    }

    /** Returns a loop's owner key as the registration issues it: live, with every scope. */
    private static ApiKeyIssuedEvent ownerKey(String loopId, String keyId, Instant at) {
        String prefix = "lk_live_" + keyId.substring(keyId.length() - 4);
        return new ApiKeyIssuedEvent(
                loopId, keyId, "owner", KeyMode.LIVE, Scope.all(), true, sha256(keyId), prefix, null, null, at);
    }

    /** Returns a new Ed25519 public key as a verifier registers it: its 32 raw bytes in base64url without padding. */
    private static String publicKey() {
        try {
            byte[] encoded = KeyPairGenerator.getInstance("Ed25519")
                    .generateKeyPair()
                    .getPublic()
                    .getEncoded();
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime provides Ed25519", e);
        }
    }

    private ToolVersionPublishedEvent published(String version) {
        ToolManifest manifest = new ToolManifest(
                "quote_" + group,
                "Quotes a shipment's price",
                "logistics",
                RiskLevel.LOW,
                false,
                List.of("receipt"),
                JSON.objectNode().put("type", "object"),
                JSON.objectNode().put("type", "object"),
                "http",
                ToolVisibility.MARKETPLACE,
                version,
                ESTIMATE);
        return new ToolVersionPublishedEvent(tool.id, business.id, toolName, manifest, tick());
    }

    /**
     * Adds an invocation as the invoke route and the settlement write it. The estimate is held under the invocation's
     * id, the request is queued, then the business reports the result. The hold is captured and the business receives
     * the charge, or the hold is released.
     */
    private void invoke(boolean succeeds) {
        String invocationId = Ids.newId(Ids.INVOCATION);
        Instant requestedAt = tick();
        Instant expiresAt = requestedAt.plus(Duration.ofMinutes(5));
        hold(invocationId, ESTIMATE, invocationId, expiresAt, requestedAt);

        Stream invocation = new Stream("Invocation", invocationId);
        commit(
                invocation.next(new InvocationRequestedEvent(
                        invocationId,
                        developer.id,
                        ownerKeyId,
                        tool.id,
                        toolName,
                        "1.1.0",
                        business.id,
                        ExecutionMode.GUIDED,
                        RiskLevel.LOW,
                        List.of("receipt"),
                        JSON.objectNode().put("from", "Lyon").put("to", "Oslo"),
                        null,
                        new PolicyEvaluation(PolicyDecision.ALLOW, List.of(), 1, 50),
                        ESTIMATE,
                        expiresAt,
                        requestedAt)),
                invocation.next(
                        new InvocationQueuedEvent(invocationId, developer.id, business.id, invocationId, requestedAt)));

        if (!succeeds) {
            commit(invocation.next(new InvocationFailedEvent(
                    invocationId, developer.id, business.id, invocationId, "carrier timed out", tick())));
            developerAccount.held -= ESTIMATE;
            commit(developerAccount.next(new HoldReleasedEvent(
                    developerAccount.id,
                    invocationId,
                    ESTIMATE,
                    invocationId,
                    false,
                    "invocation failed",
                    developerAccount.available(),
                    tick())));
            return;
        }

        String proofId = Ids.newId(Ids.PROOF);
        commit(new Stream("Proof", proofId).next(proofAttached(proofId, ProofSubjectType.INVOCATION, invocationId)));
        commit(invocation.next(new InvocationSucceededEvent(
                invocationId,
                developer.id,
                business.id,
                invocationId,
                CHARGED,
                JSON.objectNode().put("price", 42),
                List.of(proofId),
                tick())));
        capture(invocationId, ESTIMATE, CHARGED, invocationId);
        commit(new Stream("Proof", proofId, 1)
                .next(raised(
                        proofId,
                        ProofSubjectType.INVOCATION,
                        invocationId,
                        VerificationMethod.PLATFORM_RECORDS,
                        VerificationLevel.V1,
                        "platform",
                        "The platform's invocation records agree with the proof.")));
    }

    /**
     * Adds a task as the AAP routes and the settlement saga write it. The business offers, and the price is held under
     * the offer's id before the acceptance. The completion carries a proof. Then the price is captured and received,
     * the task is settled and its proof is raised to V5.
     */
    private void task() {
        String taskId = Ids.newId(Ids.TASK);
        Stream task = new Stream("Task", taskId);
        Instant requestedAt = tick();
        commit(task.next(new TaskRequestedEvent(
                taskId,
                Ids.newId(Ids.MESSAGE),
                developer.id,
                business.id,
                ownerKeyId,
                "quote_request",
                JSON.objectNode().put("lanes", 3),
                requestedAt)));
        String offerId = Ids.newId(Ids.MESSAGE);
        Instant offeredAt = tick();
        Instant deadline = offeredAt.plus(Duration.ofDays(2));
        TaskOffer offer = new TaskOffer(
                offerId,
                business.id,
                TASK_PRICE,
                "three lane quotes",
                offeredAt.plus(Duration.ofDays(1)),
                deadline,
                false,
                offeredAt);
        commit(task.next(new OfferMadeEvent(taskId, offerId, developer.id, business.id, offer)));

        Instant acceptedAt = tick();
        hold(offerId, TASK_PRICE, taskId, acceptedAt.plus(TaskOffer.MAX_CONTRACT_DURATION), acceptedAt);
        commit(task.next(new OfferAcceptedEvent(
                taskId,
                Ids.newId(Ids.MESSAGE),
                developer.id,
                business.id,
                offerId,
                TASK_PRICE,
                offer.terms(),
                deadline,
                offerId,
                tick())));

        String proofId = Ids.newId(Ids.PROOF);
        commit(new Stream("Proof", proofId).next(proofAttached(proofId, ProofSubjectType.TASK, taskId)));
        commit(task.next(new TaskCompletedEvent(
                taskId,
                Ids.newId(Ids.MESSAGE),
                developer.id,
                business.id,
                JSON.objectNode().put("quotes", 3),
                List.of(proofId),
                TASK_PRICE,
                offerId,
                tick())));
        capture(offerId, TASK_PRICE, TASK_PRICE, taskId);
        commit(task.next(new TaskSettledEvent(taskId, developer.id, business.id, offerId, TASK_PRICE, tick())));
        commit(new Stream("Proof", proofId, 1)
                .next(raised(
                        proofId,
                        ProofSubjectType.TASK,
                        taskId,
                        VerificationMethod.SETTLEMENT,
                        VerificationLevel.V1,
                        "platform",
                        "The ledger recorded settlement of the payment for task " + taskId + ".")));
    }

    /** Adds the developer account's hold and its expiry's schedule, in one commit as the account writes them. */
    private void hold(String holdId, long amount, String subjectId, Instant expiresAt, Instant at) {
        Stream account = developerAccount;
        account.held += amount;
        commit(
                account.next(new CreditsHeldEvent(
                        account.id, holdId, amount, subjectId, expiresAt, account.available(), at)),
                account.next(new HoldExpiryScheduledEvent(account.id, holdId, "schedule_" + holdId, expiresAt)));
    }

    /** Adds the capture on the developer account, then the charge's receipt on the business account. */
    private void capture(String holdId, long held, long captured, String subjectId) {
        Stream payer = developerAccount;
        payer.held -= held;
        payer.balance -= captured;
        commit(payer.next(new HoldCapturedEvent(
                payer.id,
                holdId,
                captured,
                held - captured,
                businessAccount.id,
                subjectId,
                payer.balance,
                payer.available(),
                tick())));
        businessAccount.balance += captured;
        commit(businessAccount.next(new CreditsReceivedEvent(
                businessAccount.id, holdId, payer.id, captured, businessAccount.balance, tick())));
    }

    private ProofAttachedEvent proofAttached(String proofId, ProofSubjectType type, String subjectId) {
        Instant at = tick();
        String data = "receipt of " + subjectId;
        ProofArtifact artifact = new ProofArtifact("receipt", null, data, sha256(data), at);
        return new ProofAttachedEvent(proofId, type, subjectId, business.id, artifact, VerificationLevel.V1, at);
    }

    private ProofVerificationRaisedEvent raised(
            String proofId,
            ProofSubjectType type,
            String subjectId,
            VerificationMethod method,
            VerificationLevel previous,
            String verifiedBy,
            String detail) {
        return new ProofVerificationRaisedEvent(
                proofId, type, subjectId, business.id, method, previous, method.level(), verifiedBy, detail, tick());
    }

    /** Returns a time 1 ms after the previous one, so the group's events are ordered in time as they are appended. */
    private Instant tick() {
        clock = clock.plusMillis(1);
        return clock;
    }

    private void commit(DomainEventMessage<?>... events) {
        commits.add(List.of(events));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** One aggregate's stream: its type, id, next sequence number and, for an account, its figures. */
    private static final class Stream {
        final String type;
        final String id;
        long sequence;
        long balance;
        long held;

        Stream(String type, String id) {
            this(type, id, 0);
        }

        Stream(String type, String id, long sequence) {
            this.type = type;
            this.id = id;
            this.sequence = sequence;
        }

        DomainEventMessage<?> next(Object payload) {
            return AuditStoreFiller.message(type, id, sequence++, payload);
        }

        long available() {
            return balance - held;
        }
    }
}
