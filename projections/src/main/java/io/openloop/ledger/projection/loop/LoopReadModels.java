package io.openloop.ledger.projection.loop;

/**
 * Names of the collections the loop projections write, for the query side that reads them.
 *
 * <ul>
 *   <li>{@value #LOOPS}: one document per loop, {@code _id} the loop id, unique {@code handle}.
 *   <li>{@value #API_KEYS}: one document per key, {@code _id} the key id, unique {@code hash}.
 *   <li>{@value #LOOP_KEYS}: one document per loop with keys, {@code _id} the loop id, {@code keyIds} in issue order,
 *       so a loop's keys are listed by {@code _id} lookups alone.
 * </ul>
 *
 * Permissions are stored as scope wire names, enums as their wire names, and times as BSON dates.
 */
public final class LoopReadModels {

    public static final String LOOPS = "loops";
    public static final String API_KEYS = "api_keys";
    public static final String LOOP_KEYS = "loop_keys";

    private LoopReadModels() {}
}
