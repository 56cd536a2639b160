package dev.demon.spring.remote;

import java.util.Set;

import javax.security.auth.Subject;

import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

import org.jspecify.annotations.Nullable;

/**
 * The security of a manager's embedded broker open to other hosts: a connection over the
 * network must give the one user and password the manager was given
 * ({@code spring.artemis.user}, {@code spring.artemis.password}), which the workers give
 * too; the manager's own in-VM connection, which Spring Boot opens without them, is let
 * in. Every authenticated connection may send and take the trial requests.
 */
public class BrokerCredentials implements ActiveMQSecurityManager5 {

    private final String user;

    private final String password;

    /**
     * @param user the one user
     * @param password its password
     */
    public BrokerCredentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    @Override
    public @Nullable Subject authenticate(@Nullable String user, @Nullable String password,
            @Nullable RemotingConnection connection, @Nullable String securityDomain) {
        boolean inVm = connection != null && connection.getTransportConnection() instanceof InVMConnection;
        if (!inVm && !validateUser(user, password)) {
            return null;
        }
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(inVm ? "in-vm" : this.user));
        return subject;
    }

    @Override
    public boolean authorize(@Nullable Subject subject, Set<Role> roles, CheckType checkType, String address) {
        return subject != null;
    }

    @Override
    public boolean validateUser(@Nullable String user, @Nullable String password) {
        return this.user.equals(user) && this.password.equals(password);
    }

    @Override
    public boolean validateUserAndRole(@Nullable String user, @Nullable String password, Set<Role> roles,
            CheckType checkType) {
        return validateUser(user, password);
    }

}
