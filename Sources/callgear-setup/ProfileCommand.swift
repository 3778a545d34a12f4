import ArgumentParser
import Bitrix24
import Foundation
import PortalRouting
import ProfileStore
import Routing
import SetupModel
import TextSafety

/// `callgear-setup profile …`: the profile store from scripts.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: tr(
            "List, show, export, import, validate, activate and delete profiles.",
            ru: "Список, просмотр, экспорт, импорт, проверка, включение и удаление профилей."),
        subcommands: [
            List.self, Show.self, Create.self, Export.self, Import.self, Validate.self, Activate.self, Deactivate.self,
            History.self, Diff.self, Delete.self, Check.self,
        ]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("List the profiles.", ru: "Список профилей."),
            discussion: example("callgear-setup profile list --json"))
        @OptionGroup var global: GlobalOptions
        @Flag(help: CommonHelp.json) var json = false

        func run() throws {
            let summaries = try global.openStore().profileSummaries()
            if json { return Output.json(summaries) }
            if summaries.isEmpty {
                return Output.error(
                    tr(
                        "no profiles yet — 'profile create' or 'profile import' adds one",
                        ru: "профилей ещё нет — их добавляют 'profile create' или 'profile import'"))
            }
            Output.table(
                [
                    tr("NAME", ru: "НАЗВАНИЕ"), tr("REGION", ru: "РЕГИОН"), tr("ACCOUNT", ru: "АККАУНТ"),
                    tr("ACTIVE", ru: "АКТИВЕН"),
                    tr("VERSION", ru: "ВЕРСИЯ"), tr("SAVED", ru: "СОХРАНЁН"), tr("BY", ru: "КЕМ"),
                ],
                summaries.map {
                    [
                        $0.name, $0.region.displayName, $0.account, $0.active ? tr("yes", ru: "да") : tr("no", ru: "нет"),
                        "\($0.version)",
                        $0.updatedAt.shortText, $0.updatedBy,
                    ]
                })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Show a profile's settings, section by section.", ru: "Показать настройки профиля по разделам."),
            discussion: example("callgear-setup profile show acme-chats"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.profileName) var name: String
        @Flag(
            help: ArgumentHelp(
                tr(
                    "Print the profile document (without secrets) instead.",
                    ru: "Вместо этого вывести документ профиля (без секретов)."))) var json = false

        func run() throws {
            let store = try global.openStore()
            let stored = try store.loadProfile(named: name)
            if json { return Output.raw(ProfileDocument(profile: stored.profile).encoded()) }
            let account = try? store.account(domain: stored.profile.account)
            // Names from the portal's lists as last loaded; IDs when none were ever loaded.
            let cached = try store.cachedValue(PortalCatalog.self, account: stored.profile.account, kind: PortalCatalog.cacheKind)
            let names = PortalContext(catalog: cached?.value).names
            for line in ProfileReport.lines(stored.profile, account: account, version: stored.version, names: names) {
                Output.line(line)
            }
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Create an empty profile for an account (inactive until configured).",
                ru: "Создать пустой профиль для аккаунта (неактивен, пока не настроен)."),
            discussion: example("callgear-setup profile create acme-chats --region dubai --account acme.bitrix24.ru"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(tr("The new profile's name.", ru: "Название нового профиля."))) var name: String
        @Option(help: ArgumentHelp(tr("latvia or dubai.", ru: "latvia или dubai."))) var region: String
        @Option(help: ArgumentHelp(tr("The account: its portal domain or its name.", ru: "Аккаунт: домен портала или название.")))
        var account: String

        func run() throws {
            guard let region = Region(rawValue: region.lowercased()) else {
                throw CLIError.input(
                    tr(
                        "unknown region '\(region)' — expected one of: latvia, dubai",
                        ru: "неизвестный регион '\(region)' — ожидается latvia или dubai"))
            }
            let store = try global.openStore()
            let account = try store.findAccount(account)
            let profile = Profile(name: name, region: region, account: account.domain.description)
            if let problem = profile.validate().first(where: { $0.path == .name }) {
                throw CLIError.input(tr("profile name: ", ru: "название профиля: ") + problem.message)
            }
            try store.createProfile(profile, author: .current())
            Output.error(
                tr(
                    "created profile '\(name)' for \(account.domain) (\(region.displayName)), version 1, inactive",
                    ru: "создан профиль '\(name)' для \(account.domain) (\(region.displayName)), версия 1, не активен"))
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Write a profile and its account as a JSON document.", ru: "Записать профиль и его аккаунт документом JSON."),
            discussion: tr(
                """
                Secrets (webhook code, OAuth tokens, Data API key) are left out unless --include-secrets is given;
                importing such a document keeps the secrets already stored.
                Example: callgear-setup profile export acme-chats --output acme.json
                """,
                ru:
                    """
                    Секреты (код вебхука, токены OAuth, ключ Data API) не включаются без --include-secrets;
                    импорт такого документа сохраняет уже сохранённые секреты.
                    Пример: callgear-setup profile export acme-chats --output acme.json
                    """))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.profileName) var name: String
        @Option(
            name: .shortAndLong,
            help: ArgumentHelp(tr("Write to this file instead of stdout.", ru: "Писать в этот файл вместо stdout."))) var output:
            String?
        @Flag(help: ArgumentHelp(tr("Include secrets in the document.", ru: "Включить секреты в документ."))) var includeSecrets =
            false

        func run() throws {
            let store = try global.openStore()
            let profile = try store.loadProfile(named: name).profile
            let account = profile.account.isEmpty ? nil : try store.account(domain: profile.account)
            let text = ProfileDocument(profile: profile, account: account).encoded(includeSecrets: includeSecrets)
            guard let output else { return Output.raw(text) }
            // Written beside the target and renamed, so a failed write never leaves half a file.
            let mode: Int = includeSecrets ? 0o600 : 0o644
            let temp = output + ".tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temp, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
            else {
                throw CLIError.input(tr("\(output): cannot write here", ru: "\(output): сюда нельзя записать"))
            }
            if rename(temp, output) != 0 {
                unlink(temp)
                throw CLIError.input("\(output): \(String(cString: strerror(errno)))")
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Read a profile document into the store.", ru: "Прочитать документ профиля в хранилище."),
            discussion: tr(
                """
                The file's account is added, or updated when it exists. An existing profile is replaced only
                with --replace, as a new version in its history. A document marked active must validate.
                Nothing is changed when anything fails.
                Example: callgear-setup profile import acme.json --replace
                """,
                ru:
                    """
                    Аккаунт из файла добавляется или обновляется, если он есть. Существующий профиль заменяется только
                    с --replace, новой версией в его истории. Документ, помеченный активным, должен пройти проверку.
                    Если что-то не удалось, ничего не меняется.
                    Пример: callgear-setup profile import acme.json --replace
                    """))
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(tr("The document; - reads stdin.", ru: "Документ; - читает stdin."))) var file: String
        @Flag(help: ArgumentHelp(tr("Replace a profile of the same name.", ru: "Заменить профиль с тем же названием.")))
        var replace = false
        @Option(
            name: .customLong("as"), help: ArgumentHelp(tr("Store it under another name.", ru: "Сохранить под другим названием."))
        ) var newName: String?

        func run() throws {
            var document = try readDocument(file)
            if let newName { document.profile.name = newName }
            let store = try global.openStore()
            var known = try store.accounts().map(\.domain.description)
            if let account = document.account { known.append(account.domain.description) }
            let problems = document.profile.validate(knownAccounts: known)
            if let nameProblem = problems.first(where: { $0.path == .name || $0.path == .account }) {
                throw CLIError.input("\(file): \(nameProblem.path): \(nameProblem.message)")
            }
            if document.profile.integrationActive && problems.hasErrors {
                Output.problems(problems.errors, source: file, asMessages: true)
                throw CLIError.validation(
                    tr(
                        "\(file): the profile is marked active but has \(problems.errors.count) error(s) — fix them or set integrationActive to false; nothing was imported",
                        ru:
                            "\(file): профиль помечен активным, но в нём ошибок: \(problems.errors.count) — исправьте их или задайте integrationActive = false; ничего не импортировано"
                    )
                )
            }
            let result = try store.importDocument(document, replace: replace, author: .current())
            var report =
                (result.replaced
                    ? tr("replaced profile '\(document.profile.name)'", ru: "заменён профиль '\(document.profile.name)'")
                    : tr("imported profile '\(document.profile.name)'", ru: "импортирован профиль '\(document.profile.name)'"))
                + tr(", version \(result.stored.version)", ru: ", версия \(result.stored.version)")
            switch result.account {
            case .added: report += tr("; added account ", ru: "; добавлен аккаунт ") + document.account!.domain.description
            case .updated: report += tr("; updated account ", ru: "; обновлён аккаунт ") + document.account!.domain.description
            case .none: break
            }
            Output.error(report)
            for warning in problems where warning.severity == .warning || !document.profile.integrationActive {
                Output.error("\(warning.severity.rawValue): \(warning.path): \(warning.message)")
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Check a stored profile or a document; exit 1 when it has errors.",
                ru: "Проверить сохранённый профиль или документ; код 1, если есть ошибки."),
            discussion: tr(
                """
                Every problem is printed with the path of its field. Warnings do not fail.
                Examples: callgear-setup profile validate acme-chats
                          callgear-setup profile validate --file acme.json --json
                """,
                ru:
                    """
                    Каждая ошибка выводится с путём её поля. Предупреждения не проваливают проверку.
                    Примеры: callgear-setup profile validate acme-chats
                              callgear-setup profile validate --file acme.json --json
                    """))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.profileName) var name: String?
        @Option(
            help: ArgumentHelp(
                tr("Check this document instead of a stored profile.", ru: "Проверить этот документ вместо сохранённого профиля.")
            )) var file: String?
        @Flag(help: CommonHelp.json) var json = false

        func validate() throws {
            if (name == nil) == (file == nil) {
                throw ValidationError(
                    tr(
                        "give a profile name or --file FILE (one of them)",
                        ru: "укажите название профиля или --file FILE (что-то одно)"))
            }
        }

        func run() throws {
            let problems: [ValidationProblem]
            let source: String
            if let file {
                let document = try readDocument(file)
                // A document without its account is checked against the store's accounts, when there is a store.
                let storePath = global.store ?? ProfileStore.defaultPath()
                let known: [String]? =
                    document.account == nil && FileManager.default.fileExists(atPath: storePath)
                    ? try global.openStore().accounts().map(\.domain.description) : nil
                problems = document.profile.validate(knownAccounts: known)
                source = file
            } else {
                let store = try global.openStore()
                problems = try store.loadProfile(named: name!).profile.validate(
                    knownAccounts: store.accounts().map(\.domain.description))
                source = name!
            }
            if json {
                Output.json(problems)
            } else if problems.isEmpty {
                Output.error(tr("\(source): valid", ru: "\(source): без ошибок"))
            } else {
                Output.problems(problems, source: source)
            }
            if problems.hasErrors {
                throw CLIError(
                    code: ExitCode.validation,
                    message: tr("\(source): \(problems.errors.count) error(s)", ru: "\(source): ошибок: \(problems.errors.count)")
                )
            }
        }
    }

    struct Activate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Switch \"Integration is active\" on; refused while the profile has errors.",
                ru: "Включить «Интеграция активна»; нельзя, пока в профиле есть ошибки."),
            discussion: example("callgear-setup profile activate acme-chats"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.profileName) var name: String

        func run() throws { try setActive(true, name: name, global: global) }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Switch \"Integration is active\" off.", ru: "Выключить «Интеграция активна»."),
            discussion: example("callgear-setup profile deactivate acme-chats"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.profileName) var name: String

        func run() throws { try setActive(false, name: name, global: global) }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "List the saved versions of a profile: when, who, what changed.",
                ru: "Список сохранённых версий профиля: когда, кто, что изменилось."),
            discussion: example("callgear-setup profile history acme-chats"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.profileName) var name: String
        @Flag(help: CommonHelp.json) var json = false

        func run() throws {
            let entries = try global.openStore().history(ofProfile: name)
            if json { return Output.json(entries) }
            Output.table(
                [tr("VERSION", ru: "ВЕРСИЯ"), tr("SAVED", ru: "СОХРАНЕНА"), tr("BY", ru: "КЕМ"), tr("CHANGED", ru: "ИЗМЕНЕНО")],
                entries.map { entry in
                    let who = entry.clientAddress.map { "\(entry.user)@\($0)" } ?? entry.user
                    return [
                        "\(entry.version)", entry.savedAt.shortText, who,
                        entry.version == 1 ? tr("created", ru: "создан") : ProfileDiff.summary(entry.changes),
                    ]
                })
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Show what changed between two versions (default: the last save).",
                ru: "Показать, что изменилось между двумя версиями (по умолчанию — последнее сохранение)."),
            discussion: example("callgear-setup profile diff acme-chats --from 2 --to 5"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.profileName) var name: String
        @Option(
            help: ArgumentHelp(
                tr("The older version (default: the one before --to).", ru: "Более старая версия (по умолчанию — перед --to).")))
        var from: Int?
        @Option(
            help: ArgumentHelp(
                tr("The newer version (default: the current one).", ru: "Более новая версия (по умолчанию — текущая)."))) var to:
            Int?
        @Flag(help: CommonHelp.json) var json = false

        func run() throws {
            let store = try global.openStore()
            let current = try store.loadProfile(named: name)
            let newer = to ?? current.version
            let older = from ?? newer - 1
            guard older >= 1 else {
                throw CLIError.input(
                    tr(
                        "'\(name)' has only version 1 — there is nothing to compare it with",
                        ru: "у '\(name)' только версия 1 — сравнивать не с чем"))
            }
            // Versions hold no secrets; that one changed is in the history's records.
            let recorded = try store.history(ofProfile: name).filter { $0.version > older && $0.version <= newer }
            let changes =
                ProfileDiff.changes(
                    from: try store.profile(named: name, version: older), to: try store.profile(named: name, version: newer))
                + ProfileDiff.mergingSecretChanges(recorded.flatMap(\.changes))
            if json { return Output.json(changes) }
            Output.line(
                tr("'\(name)' version \(older) → \(newer): ", ru: "'\(name)' версия \(older) → \(newer): ")
                    + (changes.isEmpty
                        ? tr("no changes", ru: "без изменений")
                        : counted(changes.count, "change", "changes", ru: "изменение", "изменения", "изменений")))
            for change in changes { Output.line("  " + TextSanitizer.line(change.readable)) }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Delete a profile with its history and draft.", ru: "Удалить профиль с его историей и черновиком."),
            discussion: example("callgear-setup profile delete acme-chats --yes"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.profileName) var name: String
        @Flag(
            help: ArgumentHelp(
                tr(
                    "Confirm the deletion (required: there is no undo).",
                    ru: "Подтвердить удаление (обязательно: отменить нельзя)."))) var yes = false

        func run() throws {
            let store = try global.openStore()
            let stored = try store.loadProfile(named: name)
            guard yes else {
                throw CLIError.input(
                    tr(
                        "deleting '\(name)' (version \(stored.version)) removes its history too — add --yes to confirm",
                        ru:
                            "удаление '\(name)' (версия \(stored.version)) удалит и его историю — добавьте --yes для подтверждения"
                    ))
            }
            try store.deleteProfile(named: name)
            Output.error(tr("deleted profile '\(name)'", ru: "удалён профиль '\(name)'"))
        }
    }
}

/// Switching "Integration is active" does not depend on what else changed, so a conflict
/// with a concurrent save is retried on a fresh read (a one-shot command cannot "reload and
/// re-apply" as the conflict message would ask); it is refused only when the newer version
/// itself makes the switch invalid, or after several conflicts in a row.
private func setActive(_ active: Bool, name: String, global: GlobalOptions) throws {
    let store = try global.openStore()
    let attempts = 5
    for attempt in 1...attempts {
        let stored = try store.loadProfile(named: name)
        if stored.profile.integrationActive == active {
            return Output.error(
                active
                    ? tr("'\(name)' is already active", ru: "'\(name)' уже активен")
                    : tr("'\(name)' is already inactive", ru: "'\(name)' уже не активен"))
        }
        var profile = stored.profile
        profile.integrationActive = active
        if active {
            let problems = profile.validate(knownAccounts: try store.accounts().map(\.domain.description))
            if problems.hasErrors {
                Output.problems(problems.errors, source: name, asMessages: true)
                throw CLIError.validation(
                    tr(
                        "'\(name)' has \(problems.errors.count) error(s) — it stays inactive until they are fixed",
                        ru: "в '\(name)' ошибок: \(problems.errors.count) — он останется неактивным, пока их не исправят"))
            }
        }
        do {
            let saved = try store.saveProfile(profile, expectedVersion: stored.version, author: .current())
            return Output.error(
                active
                    ? tr(
                        "'\(name)' is now active (version \(saved.version))",
                        ru: "'\(name)' теперь активен (версия \(saved.version))")
                    : tr(
                        "'\(name)' is now inactive (version \(saved.version))",
                        ru: "'\(name)' теперь не активен (версия \(saved.version))"))
        } catch {
            // Someone saved in between: read their version and switch that one.
            guard case .conflict = error, attempt < attempts else { throw error }
            usleep(UInt32.random(in: 5_000...40_000) * UInt32(attempt))
        }
    }
    throw CLIError(
        code: ExitCode.system,
        message:
            tr(
                "'\(name)' kept changing under concurrent saves (\(attempts) tries) — nothing was switched; run the command again",
                ru:
                    "'\(name)' всё время менялся из-за одновременных сохранений (попыток: \(attempts)) — ничего не переключено; запустите команду снова"
            ))
}
