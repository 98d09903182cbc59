package io.openloop.ledger.api.replay;

import com.mongodb.client.MongoDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Set;

/**
 * Wraps a {@link MongoDatabase} so that {@code getCollection} of a projection's collections returns the shadow
 * collection a replay builds instead. Projections look their collections up only through {@code getCollection}, in
 * their constructors. Every other call goes to the database unchanged.
 */
final class ShadowDatabase {

    static final String SUFFIX = "__replay";

    private ShadowDatabase() {}

    static String shadowName(String collection) {
        return collection + SUFFIX;
    }

    static MongoDatabase over(MongoDatabase database, Collection<String> collections) {
        Set<String> mapped = Set.copyOf(collections);
        InvocationHandler handler = (proxy, method, arguments) -> invoke(database, mapped, method, arguments);
        return (MongoDatabase) Proxy.newProxyInstance(
                MongoDatabase.class.getClassLoader(), new Class<?>[] {MongoDatabase.class}, handler);
    }

    private static Object invoke(MongoDatabase database, Set<String> mapped, Method method, Object[] arguments)
            throws Throwable {
        if (method.getName().equals("getCollection")
                && arguments != null
                && arguments.length > 0
                && arguments[0] instanceof String name
                && mapped.contains(name)) {
            arguments[0] = shadowName(name);
        }
        try {
            return method.invoke(database, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
