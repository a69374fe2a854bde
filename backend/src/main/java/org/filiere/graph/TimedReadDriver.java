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
        return proxy(Driver.class, (method, args) -> {
            Object result = invoke(driver, method, args);
            return result instanceof Session session ? timed(session, timeout) : result;
        });
    }

    /** A session whose transactions all begin with the timeout (and the caller's metadata). */
    private static Session timed(Session session, Duration timeout) {
        return proxy(Session.class, (method, args) -> {
            if (!method.getName().equals("beginTransaction")) return invoke(session, method, args);
            TransactionConfig given = args == null || args.length == 0 ? TransactionConfig.empty() : (TransactionConfig) args[0];
            return session.beginTransaction(TransactionConfig.builder().withTimeout(timeout).withMetadata(given.metadata()).build());
        });
    }

    private interface Call {
        Object apply(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Call call) {
        InvocationHandler handler = (self, method, args) -> switch (method.getDeclaringClass() == Object.class ? method.getName() : "") {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            case "toString" -> type.getSimpleName() + " with a read timeout";
            default -> call.apply(method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
