package io.openloop.ledger.store.tokens;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;

/**
 * A token store that passes every call on until {@link #crash()}, and then fails every call, as a node that lost its
 * process would: its claims stay in the database until they expire.
 */
final class CrashableTokenStore implements TokenStore {

    private final TokenStore delegate;
    private final AtomicBoolean crashed = new AtomicBoolean();

    CrashableTokenStore(TokenStore delegate) {
        this.delegate = delegate;
    }

    void crash() {
        crashed.set(true);
    }

    private TokenStore live() {
        if (crashed.get()) {
            throw new IllegalStateException("This node has crashed; its token store rejects every call");
        }
        return delegate;
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        live().initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        live().initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        live().storeToken(token, processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return live().fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return live().fetchToken(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        live().extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        live().releaseClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        live().initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        live().deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return live().requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return live().fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return live().fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return live().retrieveStorageIdentifier();
    }
}
