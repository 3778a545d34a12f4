import AccountAccess
import ArgumentParser
import Bitrix24
import Foundation
import ProfileStore
import SetupModel
import Synchronization
import TextSafety
import Transport

/// `callgear-setup portal lists`: every pick list of a portal, live, as the console shows
/// them; cached in the store, and shown from the cache (marked stale) when the portal
/// cannot be reached.
struct PortalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: tr("Read a Bitrix24 portal's pick lists.", ru: "Прочитать списки выбора портала Битрикс24."),
        subcommands: [Lists.self])

    struct Lists: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Print every pick list: lead stages, funnels and their stages, users, departments, fields.",
                ru: "Вывести все списки выбора: стадии лидов, воронки и их стадии, пользователей, подразделения, поля."),
            discussion: tr(
                """
                Loads in as few requests as the portal allows (three for 5,000 users and 60 funnels).
                Examples: callgear-setup portal lists acme.bitrix24.ru
                          callgear-setup portal lists --webhook https://acme.bitrix24.ru/rest/1/abc…/ --json
                """,
                ru:
                    """
                    Загружает за столько запросов, сколько позволяет портал (три для 5000 пользователей и 60 воронок).
                    Примеры: callgear-setup portal lists acme.bitrix24.ru
                              callgear-setup portal lists --webhook https://acme.bitrix24.ru/rest/1/abc…/ --json
                    """))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.account) var account: String?
        @Option(
            help: ArgumentHelp(
                tr(
                    "Use this webhook URL instead of a stored account.",
                    ru: "Использовать этот адрес вебхука вместо сохранённого аккаунта."))) var webhook: String?
        @Flag(help: CommonHelp.json) var json = false
        @Option(help: CommonHelp.timeout)
        var timeout = 20

        func validate() throws {
            if (account == nil) == (webhook == nil) {
                throw ValidationError(
                    tr("give an account or --webhook URL (one of them)", ru: "укажите аккаунт или --webhook URL (что-то одно)"))
            }
        }

        func run() async throws {
            let (client, cacheKey, store) = try makeClient(
                account: account, webhook: webhook, global: global, timeoutSeconds: timeout)
            let cached = try cacheKey.flatMap { key in
                try store?.cachedValue(PortalCatalog.self, account: key, kind: PortalCatalog.cacheKind)
            }
            let catalog: PortalCatalog
            do {
                catalog = try await CatalogLoader(client: client).load()
            } catch {
                guard error.fallsBackToCache, let cached else { throw failure(error) }
                print(cached.value)
                throw CLIError(
                    code: ExitCode.stale,
                    message:
                        tr(
                            "stale: \(error.message); shown: the lists fetched at \(cached.fetchedAt.shortText) (exit \(ExitCode.stale))",
                            ru:
                                "устарело: \(error.message); показаны списки, загруженные \(cached.fetchedAt.shortText) (код \(ExitCode.stale))"
                        )
                )
            }
            if catalog.isComplete {
                if let store, let cacheKey { try store.putCached(catalog, account: cacheKey, kind: PortalCatalog.cacheKind) }
                return print(catalog)
            }
            // A partial answer: the failed lists come from the cache, marked stale, and the
            // cache keeps the whole earlier load rather than a hole where a list failed.
            let shown = cached.map { catalog.fillingFailedLists(from: $0.value, fetchedAt: $0.fetchedAt) } ?? catalog
            print(shown)
            for line in shown.incompleteLines(formatDate: \.shortText) { Output.error(line) }
            throw CLIError(
                code: ExitCode.stale,
                message:
                    tr("the portal answered only in part", ru: "портал ответил лишь частично")
                    + (cached == nil ? "" : tr("; the cache was kept as it was", ru: "; сохранённые списки оставлены как были"))
                    + tr(" (exit \(ExitCode.stale))", ru: " (код \(ExitCode.stale))")
            )
        }

        func print(_ catalog: PortalCatalog) {
            // The catalog writes its own JSON (the same bytes as Output.json, in a fraction of the time).
            if json { return Output.raw(catalog.prettyJSON + "\n") }
            for line in CatalogReport.lines(catalog) { Output.line(line) }
        }
    }
}

extension PortalError {
    /// Failures where cached lists are better than none: no answer, or an answer that is not
    /// the portal's (an HTML login page, junk from a proxy).
    var fallsBackToCache: Bool {
        switch self {
        case .transport, .notJSON: true
        default: isTemporary
        }
    }
}

/// The client for an account or a pasted webhook URL. For a stored account, what the
/// client learns is written back at once: a refreshed OAuth pair (the old refresh token is
/// now spent) and a renamed portal's new domain.
func makeClient(
    account: String?, webhook: String?, global: GlobalOptions, timeoutSeconds: Int = 20
) throws -> (PortalClient, String?, ProfileStore?) {
    let timeouts = Timeouts(connectMs: Timeouts.standard.connectMs, totalMs: max(1, timeoutSeconds) * 1000)
    if let webhook {
        let parsed: (domain: PortalDomain, webhook: Webhook)
        do { parsed = try Webhook.parse(url: webhook) } catch { throw CLIError.input("--webhook: " + error.message) }
        return (PortalClient(domain: parsed.domain, webhook: parsed.webhook, timeouts: timeouts), nil, nil)
    }
    let store = try global.openStore()
    let found = try store.findAccount(account ?? "")
    let client = try storedAccountClient(found, store: store, timeouts: timeouts)
    return (client, found.domain.description, store)
}

/// A client for a stored account whose renewals and moves are saved to `store`; notes
/// (a move, a failed write-back) go to stderr.
func storedAccountClient(_ account: Account, store: ProfileStore, timeouts: Timeouts) throws -> PortalClient {
    do {
        return try AccountConnection.client(for: account, store: store, timeouts: timeouts) { Output.error($0) }
    } catch {
        throw CLIError.input(error.message)
    }
}

/// A portal error as a command failure: the message, the fix, and the exit code (2 when
/// the credentials or the request are wrong, 3 when the portal or the network is).
func failure(_ error: PortalError) -> CLIError {
    let code: Int32 =
        switch error {
        case .transport(.plainHTTPRefused): ExitCode.input
        case .transport, .notJSON, .portalDeleted, .overloadBlocked, .queryLimitExceeded, .operationTimeLimit,
            .oauthServerFailed:
            ExitCode.system
        default: ExitCode.input
        }
    return CLIError(code: code, message: "\(error.message)\n" + tr("  fix: ", ru: "  что сделать: ") + error.fix)
}

enum CatalogReport {
    static func lines(_ c: PortalCatalog) -> [String] {
        func clean(_ s: String) -> String { TextSanitizer.line(s) }
        var out: [String] = []
        out.append(
            tr("Portal: user \(c.currentUserID)", ru: "Портал: пользователь \(c.currentUserID)")
                + (c.currentUserIsAdmin ? tr(" (admin)", ru: " (админ)") : "")
                + tr(", scopes ", ru: ", права ") + c.scopes.joined(separator: ", ")
                + (c.crmMode == 2
                    ? tr(", CRM mode simple", ru: ", режим CRM простой")
                    : tr(", CRM mode classic", ru: ", режим CRM классический"))
                + " — " + counted(c.requests, "request", "requests", ru: "запрос", "запроса", "запросов")
        )
        for problem in c.problems { out.append("  ⚠ \(clean(problem))") }
        out.append(tr("Lead stages", ru: "Стадии лида") + " (\(c.leadStages.count))")
        out += c.leadStages.map { "  \(clean($0.id))  \(clean($0.name))  [\($0.semantics.rawValue)]" }
        out.append(tr("Funnels", ru: "Воронки") + " (\(c.funnels.count))")
        for funnel in c.funnels {
            out.append("  \(clean(funnel.id))  \(clean(funnel.name))")
            out += funnel.stages.map { "      \(clean($0.id))  \(clean($0.name))  [\($0.semantics.rawValue)]" }
        }
        out.append(tr("Users", ru: "Пользователи") + " (\(c.users.count))")
        out += c.users.map { "  \(clean($0.id))  \(clean($0.name))  \(clean($0.email))" }
        out.append(tr("Departments", ru: "Подразделения") + " (\(c.departments.count))")
        out += c.departments.map { "  \(clean($0.id))  \(clean($0.name))" }
        for entity in ["lead", "deal", "contact", "company"] {
            let fields = c.fields[entity] ?? []
            out.append(
                tr("Fields of \(entity)", ru: "Поля: \(CRMEntity(rawValue: entity)?.noun ?? entity)") + " (\(fields.count))")
            out += fields.map {
                "  \(clean($0.code))  \(clean($0.label))  \($0.type)"
                    + ($0.isReadOnly ? tr("  read-only", ru: "  только чтение") : "")
            }
        }
        return out
    }
}
