package io.openloop.ledger.api.credit;

import io.openloop.ledger.api.idempotency.IdempotentIds;
import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.OperatorOnly;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Cursors;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.EchoedValues;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.credit.CreditAccountView;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditAmounts;
import io.openloop.ledger.messages.credit.CreditBalance;
import io.openloop.ledger.messages.credit.CreditEntryView;
import io.openloop.ledger.messages.credit.FindCreditAccountQuery;
import io.openloop.ledger.messages.credit.FindPlatformLedgerQuery;
import io.openloop.ledger.messages.credit.GrantCreditsCommand;
import io.openloop.ledger.messages.credit.ListCreditEntriesQuery;
import io.openloop.ledger.messages.credit.PlatformLedgerView;
import io.openloop.ledger.messages.credit.TransferCreditsCommand;
import io.openloop.ledger.query.auth.LoopAuthority;
import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Routes that read a loop's credits and entries, grant credits, and move credits to a descendant loop. */
@RestController
class CreditRoutes {

    static final String AVAILABLE_HEADER = "OpenLoop-Credits-Available";
    static final String CHARGED_HEADER = "OpenLoop-Credits-Charged";
    static final String GRANT_PREFIX = "grant_";
    static final String TRANSFER_PREFIX = "xfer_";
    static final int MAX_TEXT_LENGTH = 500;

    private final Dispatcher dispatcher;
    private final LoopAccess access;
    private final CreditWaits waits;

    CreditRoutes(Dispatcher dispatcher, LoopAccess access, CreditWaits waits) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.waits = waits;
    }

    /** Reads a loop's balance, held and available credits, and its open holds. */
    @RequiresScope(Scope.CREDITS_READ)
    @GetMapping(path = "/api/loops/{loopId}/credits", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CreditAccountView> account(@PathVariable String loopId, Caller caller) {
        return Blocking.call(() -> {
            access.requireVisible(caller, loopId);
            return dispatcher.query(
                    new FindCreditAccountQuery(loopId), ResponseTypes.instanceOf(CreditAccountView.class));
        });
    }

    /** Lists a loop's entries, oldest first, a page at a time. */
    @RequiresScope(Scope.CREDITS_READ)
    @GetMapping(path = "/api/loops/{loopId}/credits/entries", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Page<CreditEntryView>> entries(
            @PathVariable String loopId,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        return Blocking.call(() -> {
            access.requireVisible(caller, loopId);
            ListCreditEntriesQuery query =
                    new ListCreditEntriesQuery(loopId, Cursors.decode(after), Cursors.limit(limit));
            @SuppressWarnings("unchecked")
            Page<CreditEntryView> page = dispatcher.query(query, ResponseTypes.instanceOf(Page.class));
            return new Page<>(page.items(), Cursors.encode(page.nextCursor()));
        });
    }

    /** Issues new credits to a loop's account. The route names the grant; an Idempotency-Key makes a retry safe. */
    @OperatorOnly
    @PostMapping(
            path = "/api/admin/credits/grants",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Grant>> grant(
            @RequestBody(required = false) GrantRequest request, Caller caller, ServerWebExchange exchange) {
        return Blocking.call(() -> {
            Requests.requireBody(request);
            if (request.loopId() == null) {
                throw Requests.invalid("loopId", "loopId is missing; name the loop to grant credits to");
            }
            access.requireManaged(caller, request.loopId());
            long amount = positiveAmount(request.amount());
            String reason = requiredText("reason", request.reason());
            String accountId = CreditAccounts.accountIdOf(request.loopId());
            String grantId = IdempotentIds.newId(exchange, GRANT_PREFIX);

            long before = waits.version(accountId);
            CreditBalance balance = send(
                    new GrantCreditsCommand(accountId, grantId, amount, reason), request.loopId(), caller, exchange);
            waits.changed(accountId, before);
            Grant body = new Grant(
                    grantId, request.loopId(), accountId, amount, reason, balance.balance(), balance.available());
            return withCredits(ResponseEntity.status(HttpStatus.CREATED), balance)
                    .body(body);
        });
    }

    /**
     * Moves available credits from a loop to one of its descendants. The receiving account shows them shortly after.
     */
    @RequiresScope(value = Scope.LOOPS_MANAGE, operator = false)
    @PostMapping(
            path = "/api/loops/{loopId}/credits/transfers",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Transfer>> transfer(
            @PathVariable String loopId,
            @RequestBody(required = false) TransferRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        // Access is checked before the body, so a caller without access to the loop gets 404 whatever it sends.
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            Requests.requireBody(request);
            if (request.toLoopId() == null) {
                throw Requests.invalid("toLoopId", "toLoopId is missing; name a descendant loop to send credits to");
            }
            if (request.toLoopId().equals(loopId)) {
                throw Requests.invalid("toLoopId", "toLoopId is the sending loop; send credits to a descendant loop");
            }
            LoopAuthority to = access.requireManaged(caller, request.toLoopId());
            if (!to.isManagedBy(loopId)) {
                throw new LedgerException(
                        ErrorCode.NOT_FOUND,
                        "loop " + request.toLoopId() + " not found among the descendants of loop " + loopId,
                        Map.of("loopId", request.toLoopId()));
            }
            long amount = positiveAmount(request.amount());
            String memo = optionalText("memo", request.memo());
            String accountId = CreditAccounts.accountIdOf(loopId);
            String toAccountId = CreditAccounts.accountIdOf(request.toLoopId());
            String transferId = IdempotentIds.newId(exchange, TRANSFER_PREFIX);

            long before = waits.version(accountId);
            CreditBalance balance = send(
                    new TransferCreditsCommand(accountId, transferId, toAccountId, amount, memo),
                    loopId,
                    caller,
                    exchange);
            waits.changed(accountId, before);
            Transfer body = new Transfer(
                    transferId, loopId, request.toLoopId(), amount, memo, balance.balance(), balance.available());
            return withCredits(ResponseEntity.status(HttpStatus.CREATED), balance)
                    .body(body);
        });
    }

    /** Reads the platform's totals: credits issued, in transit and on loop accounts, which add up to zero. */
    @OperatorOnly
    @GetMapping(path = "/api/admin/credits/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PlatformLedgerView> ledger(Caller caller) {
        return Blocking.call(() ->
                dispatcher.query(new FindPlatformLedgerQuery(), ResponseTypes.instanceOf(PlatformLedgerView.class)));
    }

    private CreditBalance send(Object command, String loopId, Caller caller, ServerWebExchange exchange) {
        try {
            return dispatcher.send(command, caller, exchange);
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND,
                    "loop " + loopId + " has no credit account yet; accounts open shortly after their loop, retry",
                    Map.of("loopId", loopId));
        }
    }

    private static ResponseEntity.BodyBuilder withCredits(ResponseEntity.BodyBuilder response, CreditBalance balance) {
        return response.header(AVAILABLE_HEADER, Long.toString(balance.available()))
                .header(CHARGED_HEADER, Long.toString(balance.charged()));
    }

    /**
     * Checks a whole, positive number of credits up to {@link CreditAmounts#MAX_AMOUNT}; a fraction such as 1.5 or 1.0
     * is rejected, not rounded.
     */
    private static long positiveAmount(BigDecimal amount) {
        String message = "amount must be a positive whole number of credits up to " + CreditAmounts.MAX_AMOUNT
                + ", got " + EchoedValues.excerpt(String.valueOf(amount));
        if (amount == null || amount.scale() > 0 || amount.signum() <= 0) {
            throw Requests.invalid("amount", message);
        }
        long credits;
        try {
            credits = amount.longValueExact();
        } catch (ArithmeticException e) {
            throw Requests.invalid("amount", message);
        }
        if (credits > CreditAmounts.MAX_AMOUNT) {
            throw Requests.invalid("amount", message);
        }
        return credits;
    }

    private static String requiredText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Requests.invalid(field, field + " is missing; say why in a few words");
        }
        return optionalText(field, value);
    }

    private static String optionalText(String field, String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_TEXT_LENGTH) {
            throw Requests.invalid(
                    field, field + " is " + stripped.length() + " characters long; the maximum is " + MAX_TEXT_LENGTH);
        }
        return stripped;
    }

    /** Body of a grant; {@code amount} in whole credits. */
    record GrantRequest(String loopId, BigDecimal amount, String reason) {}

    /** Body of a transfer to a descendant loop; {@code amount} in whole credits. */
    record TransferRequest(String toLoopId, BigDecimal amount, String memo) {}

    /** A grant as applied: the account's figures right after it. */
    record Grant(
            String grantId,
            String loopId,
            String accountId,
            long amount,
            String reason,
            long balance,
            long available) {}

    /** A transfer as sent: the sending account's figures right after it. */
    record Transfer(
            String transferId,
            String fromLoopId,
            String toLoopId,
            long amount,
            String memo,
            long balance,
            long available) {}
}
