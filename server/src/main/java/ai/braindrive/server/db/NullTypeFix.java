package ai.braindrive.server.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;

/**
 * Helidon DbClient binds a null parameter as {@code setNull(i, Types.NULL)}, which Derby refuses ("data type 0 is
 * not supported"). This connection wrapper binds such nulls with the parameter's declared type instead.
 */
final class NullTypeFix {
    private NullTypeFix() {
    }

    static Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(NullTypeFix.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ConnectionHandler(connection));
    }

    private record ConnectionHandler(Connection target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = call(target, method, args);
            if (result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")) {
                return Proxy.newProxyInstance(NullTypeFix.class.getClassLoader(),
                        new Class<?>[] {PreparedStatement.class}, new StatementHandler(statement));
            }
            return result;
        }
    }

    private record StatementHandler(PreparedStatement target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("setNull") && args.length == 2 && (Integer) args[1] == Types.NULL) {
                int index = (Integer) args[0];
                target.setNull(index, target.getParameterMetaData().getParameterType(index));
                return null;
            }
            return call(target, method, args);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
