import Bitrix24
import Foundation
import ProfileStore
import SetupModel
import Synchronization
import Transport

/// A portal client for a stored account, wired so that what it learns is written back at
/// once: a refreshed OAuth pair (the old refresh token is spent) and a renamed portal's new
/// domain. Shared by the commands and the console.
public enum AccountConnection {
    public struct MissingCredentials: Error, Sendable {
        public let message: String
    }

    public static func client(
        for account: Account, store: ProfileStore, timeouts: Timeouts, note: @escaping @Sendable (String) -> Void
    ) throws(MissingCredentials) -> PortalClient {
        let persistence = AccountPersistence(store: store, domain: account.domain, note: note)
        let credentials: PortalCredentials
        switch account.authorization {
        case .webhook(let hook) where hook.code != nil:
            credentials = .webhook(hook)
        case .oauth(let oauth) where oauth.accessToken != nil:
            credentials = .oauth(
                OAuthSession(
                    credentials: oauth, timeouts: timeouts, coordinator: StoreRefreshCoordinator(persistence: persistence)))
        default:
            throw MissingCredentials(
                message:
                    tr(
                        "\(account.domain) has no credentials stored — add them with: account edit \(account.domain.host) --webhook-stdin (or --oauth-file FILE)",
                        ru:
                            "для \(account.domain) не сохранены ключи — добавьте их: account edit \(account.domain.host) --webhook-stdin (или --oauth-file FILE)"
                    )
            )
        }
        return PortalClient(
            domain: account.domain, credentials: credentials,
            transport: CurlTransport(plainHTTPAllowed: account.plainHTTPHosts), timeouts: timeouts
        ) { from, to in
            persistence.move(to: to)
            note(
                tr(
                    "note: the portal \(from) moved to \(to); the account now uses the new address",
                    ru: "примечание: портал \(from) переехал на \(to); аккаунт теперь использует новый адрес"))
        }
    }
}

extension AccountConnection {
    /// Exchanges an OAuth account's refresh token for a new pair now and stores it (the
    /// manual lever: calls refresh by themselves on `expired_token`). Returns the new pair.
    public static func refreshKeys(
        of account: Account, oauth: OAuthCredentials, store: ProfileStore, timeouts: Timeouts,
        note: @escaping @Sendable (String) -> Void
    ) async throws(PortalError) -> OAuthCredentials {
        let persistence = AccountPersistence(store: store, domain: account.domain, note: note)
        let session = OAuthSession(
            credentials: oauth, timeouts: timeouts, coordinator: StoreRefreshCoordinator(persistence: persistence))
        try await session.refresh()
        return await session.credentials
    }
}

/// Writes what a client learns back to the account it was made for. A failure to write
/// is reported, not thrown: the call itself succeeded.
public final class AccountPersistence: Sendable {
    let store: ProfileStore
    private let current: Mutex<PortalDomain>
    private let note: @Sendable (String) -> Void

    public init(store: ProfileStore, domain: PortalDomain, note: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.current = Mutex(domain)
        self.note = note
    }

    /// The account's domain as the client knows it now (a move changes it).
    public var domain: PortalDomain { current.withLock { $0 } }

    func report(_ message: String) { note(message) }

    public func save(_ authorization: Authorization) {
        let domain = current.withLock { $0 }
        do {
            var account = try store.account(domain: domain.description)
            account.authorization = authorization
            try store.updateAccount(domain: domain.description, to: account)
        } catch {
            note(
                tr(
                    "warning: the renewed OAuth keys could not be stored (\(error)); run account refresh",
                    ru: "предупреждение: обновлённые ключи OAuth не сохранились (\(error)); выполните account refresh"))
        }
    }

    public func move(to domain: PortalDomain) {
        let old = current.withLock { $0 }
        do {
            var account = try store.account(domain: old.description)
            account.domain = domain
            try store.updateAccount(domain: old.description, to: account)
            current.withLock { $0 = domain }
        } catch {
            note(
                tr(
                    "warning: the portal's new address \(domain) could not be stored (\(error))",
                    ru: "предупреждение: новый адрес портала \(domain) не сохранился (\(error))"))
        }
    }
}

/// The store's lease on the account row as the OAuth session's coordinator: one process
/// refreshes, the others wait for the pair it stores and use that.
final class StoreRefreshCoordinator: OAuthRefreshCoordinator {
    let persistence: AccountPersistence
    let holder = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"

    init(persistence: AccountPersistence) {
        self.persistence = persistence
    }

    func begin(replacing staleAccessToken: String, for timeouts: Timeouts) async throws(PortalError) -> OAuthRefreshStart {
        // The lease outlives the refresh request by a margin, so a waiter never takes over
        // a refresh still under way; a holder that died frees it when it runs out.
        let lease = Double(timeouts.totalMs) / 1000 + 5
        let deadline = Date().addingTimeInterval(lease + 2)
        while true {
            let answer: ProfileStore.RefreshLeaseAnswer
            do {
                answer = try persistence.store.acquireRefreshLease(
                    domain: persistence.domain.description, staleAccessToken: staleAccessToken, holder: holder,
                    duration: lease)
            } catch {
                // Without the store's word, refreshing alone is still better than failing.
                persistence.report(
                    tr(
                        "warning: the OAuth keys' lease could not be taken (\(error)); refreshing anyway",
                        ru: "предупреждение: не удалось занять ключи OAuth (\(error)); обновление всё равно"))
                return .refreshNow
            }
            switch answer {
            case .granted: return .refreshNow
            case .renewed(let stored): return .useStored(stored)
            case .busy:
                guard Date() < deadline else { return .refreshNow }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    func finish(_ renewed: OAuthCredentials) async {
        do {
            try persistence.store.finishRefresh(domain: persistence.domain.description, holder: holder, credentials: renewed)
        } catch {
            persistence.report(
                tr(
                    "warning: the renewed OAuth keys could not be stored (\(error)) — the old refresh token is spent: run account refresh, or reconnect the portal",
                    ru:
                        "предупреждение: обновлённые ключи OAuth не сохранились (\(error)) — старый refresh token израсходован: выполните account refresh или переподключите портал"
                )
            )
        }
    }

    func abandon() async {
        do {
            try persistence.store.abandonRefresh(domain: persistence.domain.description, holder: holder)
        } catch {
            persistence.report(
                tr(
                    "warning: the OAuth keys' lease could not be released (\(error)); it runs out by itself",
                    ru: "предупреждение: ключи OAuth не освободились (\(error)); это пройдёт само"))
        }
    }

    func storedCredentials() async -> OAuthCredentials? {
        guard case .oauth(let stored)? = try? persistence.store.account(domain: persistence.domain.description).authorization
        else { return nil }
        return stored
    }
}
