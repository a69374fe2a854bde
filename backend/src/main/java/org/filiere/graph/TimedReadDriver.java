package org.filiere.graph;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * The driver seen by {@link ReadQueries}: every transaction it begins carries the read timeout as a
 * {@link Duration}. Spring's transaction definitions only hold whole seconds, so without this a
 * configured {@code 300ms} silently became 1 s; the driver and the server take milliseconds.
 */
final class TimedReadDriver {

    private TimedReadDriver() {
    }

    static Driver wrap(Driver driver, Duration timeout) {
        return proxy(Driver.class, driver, (method, args, result) ->
                result instanceof Session session ? proxy(Session.class, session, (m, a, r) -> r, timeout) : result, timeout);
    }

    private interface AfterCall {
        Object apply(Method method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, AfterCall after, Duration timeout) {
        InvocationHandler handler = (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> type.getSimpleName() + " with read timeout " + timeout;
                };
            }
            Object[] actual = args;
            if (target instanceof Session && method.getName().equals("beginTransaction")) {
                TransactionConfig given = args == null || args.length == 0 ? TransactionConfig.empty() : (TransactionConfig) args[0];
                method = Session.class.getMethod("beginTransaction", TransactionConfig.class);
                actual = new Object[] {TransactionConfig.builder().withTimeout(timeout).withMetadata(given.metadata()).build()};
            }
            try {
                return after.apply(method, actual, method.invoke(target, actual));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
