import AccountAccess
import Bitrix24
import CallGearAPI
import Foundation
import PortalRouting
import ProfileStore
import Routing
import SetupModel
import TerminalUI

/// The console's work outside the model: the store and the portal. Each is an effect, so
/// the keys keep working while it runs and a newer request supersedes an older one.
extension ConsoleProgram {
    func client(for account: Account) -> Result<PortalClient, AccountConnection.MissingCredentials> {
        do {
            return .success(
                try AccountConnection.client(for: account, store: environment.store, timeouts: environment.timeouts) {
                    [notes = environment.notes] note in notes.post(note)
                })
        } catch {
            return .failure(error)
        }
    }

    /// Loads every pick list of the profile's portal; falls back to the cached lists,
    /// marked stale, when the portal cannot be reached.
    func loadCatalog(_ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard let account = model.currentAccount else {
            model.catalogState = .none
            return .none
        }
        let made = client(for: account)
        guard case .success(let client) = made else {
            if case .failure(let problem) = made { model.status = StatusLine(problem.message, kind: .error) }
            model.catalogState = .failed(tr("no credentials", ru: "нет учётных данных"))
            return .none
        }
        model.catalogState = .loading
        model.tick = 0
        let store = environment.store
        let notes = environment.notes
        let key = account.domain.description
        return .batch([
            .task("catalog") {
                do {
                    let catalog = try await CatalogLoader(client: client).load()
                    guard catalog.isComplete else {
                        // A partial answer keeps the cached copy of each list it lacks.
                        let cached = try? store.cachedValue(PortalCatalog.self, account: key, kind: PortalCatalog.cacheKind)
                        let shown = cached.map { catalog.fillingFailedLists(from: $0.value, fetchedAt: $0.fetchedAt) } ?? catalog
                        return .catalogLoaded(shown, lists: Pickers.prebuilt(shown))
                    }
                    do {
                        try store.putCached(catalog, account: key, kind: PortalCatalog.cacheKind)
                    } catch {
                        notes.post(
                            tr(
                                "the lists could not be kept for offline use: \(error)",
                                ru: "списки не сохранились для работы без сети: \(error)"))
                    }
                    return .catalogLoaded(catalog, lists: Pickers.prebuilt(catalog))
                } catch {
                    let cached = try? store.cachedValue(PortalCatalog.self, account: key, kind: PortalCatalog.cacheKind)
                    return .catalogFailed(PortalError.wrapping(error), cached: cached)
                }
            },
            tickLater(),
        ])
    }

    /// With a Data API key, the CallGear account's lists come live (cached in the store,
    /// used marked stale when the API cannot be reached); without one the typed lists stay.
    func loadCallGearLists(_ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard let key = model.profile.callGear.dataAPIKey else {
            model.callGearState = .none
            return .none
        }
        let endpoint = DataAPIClient.endpoint(for: model.profile)
        let client = DataAPIClient(endpoint: endpoint, key: key, timeouts: environment.timeouts)
        let store = environment.store
        model.callGearState = .loading
        return .task("callgear") {
            do {
                let lists = try await CallGearLists.load(client)
                try? store.putCached(lists, account: endpoint, kind: CallGearLists.cacheKind)
                return .callGearLoaded(lists)
            } catch {
                let cached = try? store.cachedValue(CallGearLists.self, account: endpoint, kind: CallGearLists.cacheKind)
                let error = error as? DataAPIError ?? .other(code: 0, mnemonic: "client", message: "\(error)")
                return .callGearFailed(error, cached: cached)
            }
        }
    }

    /// Saves a version (creating the profile the first time). Refused while the profile is
    /// active with errors, as `activate` is; a version conflict opens the diff dialog.
    func save(_ model: inout ConsoleModel, overwrite: Bool, thenQuit: Bool = false) -> Effect<ConsoleMsg> {
        let errors = model.problems.filter { $0.severity == .error }
        if model.profile.integrationActive && !errors.isEmpty {
            model.status = StatusLine(
                tr(
                    "Not saved: \"Integration is active\" is on but \(errors.count) problem(s) remain — first: \(SettingsCatalog.trail(of: errors[0].path)): \(errors[0].message)",
                    ru:
                        "Не сохранено: «Интеграция активна» включена, но осталось ошибок: \(errors.count) — первая: \(SettingsCatalog.trail(of: errors[0].path)): \(errors[0].message)"
                ),
                kind: .error)
            return .none
        }
        guard !model.profile.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            model.status = StatusLine(
                tr("Not saved: the profile needs a name", ru: "Не сохранено: у профиля нет названия"), kind: .error)
            return .none
        }
        let store = environment.store
        let author = environment.author
        let profile = model.profile
        let version = model.version
        model.status = StatusLine(tr("saving…", ru: "сохранение…"))
        // With thenQuit the console quits only after the save answered well.
        return .task("save") {
            do {
                let stored =
                    if let version {
                        try store.saveProfile(profile, expectedVersion: version, author: author, overwrite: overwrite)
                    } else {
                        try store.createProfile(profile, author: author)
                    }
                Self.dropDrafts(of: profile.name, store: store)
                return .saved(stored, profiles: (try? store.profileSummaries()) ?? [], quit: thenQuit)
            } catch {
                if !thenQuit, case StoreError.conflict = error, let theirs = try? store.loadProfile(named: profile.name) {
                    return .saveConflict(theirs: theirs)
                }
                return .failed(
                    thenQuit
                        ? tr("Not saved, so not quitting: \(error)", ru: "Не сохранено, поэтому выхода нет: \(error)")
                        : tr("Not saved: \(error)", ru: "Не сохранено: \(error)"))
            }
        }
    }

    /// A saved profile needs no draft, and a finished onboarding none of its steps' drafts.
    static func dropDrafts(of name: String, store: ProfileStore) {
        try? store.deleteDraft(profileName: name)
        for draft in (try? store.drafts()) ?? [] where Onboarding.resuming(draft.reason) != nil {
            try? store.deleteDraft(profileName: draft.profileName)
        }
    }

    func verify(_ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard let account = model.currentAccount else {
            model.status = StatusLine(
                tr("Choose the account first (Accounts)", ru: "Сначала выберите аккаунт (Аккаунты)"), kind: .error)
            return .none
        }
        guard case .success(let client) = client(for: account) else {
            model.status = StatusLine(
                tr("\(account.domain) has no credentials stored", ru: "Для \(account.domain) не сохранены учётные данные"),
                kind: .error)
            return .none
        }
        model.status = StatusLine(tr("verifying \(account.domain)…", ru: "проверка \(account.domain)…"))
        return .task("verify") {
            do {
                let check = try await ConnectionCheck.run(client)
                return .verified(
                    ["✓ " + check.summary[0]] + check.summary.dropFirst() + check.warnings.map { "⚠ " + $0 }, ok: check.isUsable)
            } catch {
                let error = PortalError.wrapping(error)
                return .verified(["✗ \(error.message)", tr("fix: ", ru: "что сделать: ") + error.fix], ok: false)
            }
        }
    }

    /// The readiness check of the profile as it is on screen (unsaved edits included).
    func checkReadiness(_ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard let account = model.currentAccount else {
            model.status = StatusLine(
                tr("Choose the account first (Accounts)", ru: "Сначала выберите аккаунт (Аккаунты)"), kind: .error)
            return .none
        }
        let profile = model.profile
        let store = environment.store
        let timeouts = environment.timeouts
        let notes = environment.notes
        model.status = StatusLine(
            tr(
                "checking \(TextSanitizer.line(profile.name)) against \(account.domain)…",
                ru: "сверка «\(TextSanitizer.line(profile.name))» с \(account.domain)…"))
        return .task("readiness") {
            do {
                let outcome = try await ReadinessRun.run(profile, account: account, store: store, timeouts: timeouts) {
                    notes.post($0)
                }
                let lines = outcome.lines.flatMap { line in
                    ["\(line.symbol) \(line.text) [\(line.subjectLabel)]"]
                        + (line.fix.map { [tr("   fix: ", ru: "   что сделать: ") + $0] } ?? [])
                }
                let count = { (status: ReadinessCheck.Status) in outcome.lines.filter { $0.status == status }.count }
                return .readinessChecked(
                    lines, summary: "\(count(.ok)) ✓, \(count(.warning)) ⚠, \(count(.failure)) ✗", ok: !outcome.hasFailures)
            } catch {
                let error = PortalError.wrapping(error)
                return .readinessChecked(
                    ["✗ \(error.message)", tr("   fix: ", ru: "   что сделать: ") + error.fix],
                    summary: tr("not run", ru: "не выполнена"),
                    ok: false)
            }
        }
    }

    func refreshKeys(_ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        guard let account = model.currentAccount else {
            model.status = StatusLine(tr("Choose the account first", ru: "Сначала выберите аккаунт"), kind: .error)
            return .none
        }
        guard case .oauth(let oauth) = account.authorization else {
            model.status = StatusLine(
                tr(
                    "\(account.domain) uses a webhook: there are no keys to refresh",
                    ru: "\(account.domain) подключён вебхуком: обновлять нечего"), kind: .warning)
            return .none
        }
        let store = environment.store
        let timeouts = environment.timeouts
        let notes = environment.notes
        model.status = StatusLine(tr("refreshing the keys…", ru: "обновление ключей…"))
        return .task("refresh") {
            do {
                _ = try await AccountConnection.refreshKeys(of: account, oauth: oauth, store: store, timeouts: timeouts) {
                    notes.post($0)
                }
                return .keysRefreshed(
                    tr(
                        "Keys refreshed and stored for \(account.domain)", ru: "Ключи обновлены и сохранены для \(account.domain)"
                    ), ok: true, accounts: try? store.accounts())
            } catch {
                let error = PortalError.wrapping(error)
                return .keysRefreshed("\(error.message) — \(error.fix)", ok: false, accounts: nil)
            }
        }
    }

    func saveAccount(_ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        let draft = model.workspace.account
        switch draft.account() {
        case .failure(let problem):
            model.status = StatusLine("\(problem.message)", kind: .error)
            if let index = FormScreen.rows(model).firstIndex(where: { $0.path == problem.field }) {
                model.focus[model.focusKey] = index
            }
            return .none
        case .success(let account):
            // A new account for a portal that is stored already would rename it (and every
            // profile of it follows): that is asked, never done silently.
            if draft.original == nil, let existing = model.accounts.first(where: { $0.domain == account.domain }) {
                let users = model.profiles.filter { $0.account == existing.domain.description }.map(\.name)
                model.modal = ModalState(
                    modal: Modal(
                        title: tr("This portal is stored already", ru: "Этот портал уже сохранён"),
                        lines: [
                            tr(
                                "\(existing.domain) is stored as \"\(TextSanitizer.line(existing.displayName))\"",
                                ru: "\(existing.domain) сохранён как «\(TextSanitizer.line(existing.displayName))»")
                                + (users.isEmpty
                                    ? ""
                                    : tr(", used by ", ru: ", используется: ")
                                        + users.map(TextSanitizer.line).joined(separator: ", "))
                                + ".",
                            tr(
                                "Update it with what you typed (name and credentials)?",
                                ru: "Обновить его введённым (название и ключи)?"),
                        ],
                        choices: [
                            Modal.Choice("u", tr("Update it", ru: "Обновить")), Modal.Choice("c", tr("Cancel", ru: "Отмена")),
                        ]),
                    purpose: .replaceAccount(account))
                return .none
            }
            return storeAccount(account, original: draft.original, &model)
        }
    }

    /// Adds `account`, or updates the one stored under `original` (secrets not retyped kept).
    func storeAccount(_ account: Account, original: String?, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        let store = environment.store
        let makeCurrent = model.profile.account.isEmpty || model.profile.account == original
        if makeCurrent { model.workspace.profile.account = account.domain.description }
        return .task("account") {
            do {
                var stored = account
                if let original {
                    let old = try store.account(domain: original)
                    stored.authorization = account.authorization.keepingSecrets(of: old.authorization)
                    if stored.name.isEmpty { stored.name = old.name }
                    stored.allowInsecureHTTP = stored.allowInsecureHTTP || old.allowInsecureHTTP
                    try store.updateAccount(domain: original, to: stored)
                } else {
                    try store.addAccount(stored)
                }
                return .accountsChanged(
                    try store.accounts(), status: tr("Account \(stored.domain) stored", ru: "Аккаунт \(stored.domain) сохранён"))
            } catch {
                return .failed(tr("Account not stored: \(error)", ru: "Аккаунт не сохранён: \(error)"))
            }
        }
    }

    func deleteAccount(_ domain: String, _ model: inout ConsoleModel) -> Effect<ConsoleMsg> {
        let store = environment.store
        // The profile lets go of the account only once the store has really deleted it.
        return .task("account") {
            do {
                try store.removeAccount(domain: domain, cascade: false)
                return .accountsChanged(
                    try store.accounts(), status: tr("Account \(domain) deleted", ru: "Аккаунт \(domain) удалён"))
            } catch {
                return .failed(tr("Not deleted: \(error)", ru: "Не удалено: \(error)"))
            }
        }
    }

    /// The Simulate screen: the offline preview, the live dry run, or the test apply.
    func simulate(_ model: inout ConsoleModel, live: Bool, apply: Bool) -> Effect<ConsoleMsg> {
        let profile = model.profile
        let event = model.workspace.sample.event(channels: profile.callGear.channels)
        let portal = PortalContext(catalog: model.catalog)
        guard live else {
            return .task("simulate") { .simulated(Simulation.preview(profile, event: event, portal: portal).lines) }
        }
        guard let account = model.currentAccount, case .success(let client) = client(for: account) else {
            model.status = StatusLine(
                tr(
                    "A dry run needs the profile's account with credentials",
                    ru: "Пробному прогону нужен аккаунт профиля с ключами"),
                kind: .error)
            return .none
        }
        model.status = StatusLine(
            apply
                ? tr("applying the plan as a test…", ru: "применение плана как теста…")
                : tr("looking the visitor up in the portal…", ru: "поиск посетителя на портале…"))
        return .task("simulate") {
            do {
                return .simulated(
                    try await Simulation.live(profile, event: event, client: client, apply: apply, portal: portal).lines)
            } catch {
                let error = PortalError.wrapping(error)
                return .failed(tr("Dry run failed: ", ru: "Пробный прогон не удался: ") + "\(error.message) — \(error.fix)")
            }
        }
    }
}

extension PortalError {
    /// Task closures lose typed throws; every error they meet is a PortalError anyway.
    static func wrapping(_ error: any Error) -> PortalError {
        error as? PortalError ?? .other(code: "CLIENT", description: "\(error)", status: 0)
    }
}
