import ArgumentParser
import Bitrix24
import Foundation
import ProfileStore
import SetupModel

/// `callgear-setup account …`: the Bitrix24 portals a store knows.
struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: tr(
            "List, add, edit, remove and verify Bitrix24 portal accounts.",
            ru: "Список, добавление, изменение, удаление и проверка аккаунтов порталов Битрикс24."),
        subcommands: [List.self, Add.self, Edit.self, Remove.self, Verify.self, Refresh.self]
    )

    /// How credentials reach the command without landing in shell history or `ps`.
    struct Credentials: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                tr(
                    "An incoming webhook URL (visible in `ps`; prefer --webhook-stdin).",
                    ru: "Адрес входящего вебхука (виден в `ps`; лучше --webhook-stdin)."), valueName: "URL"))
        var webhook: String?
        @Flag(
            help: ArgumentHelp(
                tr("Read the webhook URL from the first line of stdin.", ru: "Прочитать адрес вебхука из первой строки stdin.")))
        var webhookStdin = false
        @Option(
            help: ArgumentHelp(
                tr(
                    "A JSON file with OAuth credentials: {\"clientId\", \"clientSecret\", \"accessToken\", \"refreshToken\", \"expiresAt\"}.",
                    ru:
                        "Файл JSON с ключами OAuth: {\"clientId\", \"clientSecret\", \"accessToken\", \"refreshToken\", \"expiresAt\"}."
                ),
                valueName: "FILE"))
        var oauthFile: String?

        var given: Bool { webhook != nil || webhookStdin || oauthFile != nil }

        /// The authorization, checked against the account's domain.
        func authorization(for domain: PortalDomain) throws -> Authorization? {
            let count = [webhook != nil, webhookStdin, oauthFile != nil].filter { $0 }.count
            if count > 1 {
                throw CLIError.input(
                    tr(
                        "give one of --webhook, --webhook-stdin, --oauth-file",
                        ru: "укажите что-то одно: --webhook, --webhook-stdin, --oauth-file"))
            }
            if let url = webhook ?? (webhookStdin ? readLine() ?? "" : nil) {
                let parsed: (domain: PortalDomain, webhook: Webhook)
                do { parsed = try Webhook.parse(url: url) } catch {
                    throw CLIError.input(tr("webhook: ", ru: "вебхук: ") + error.message)
                }
                guard parsed.domain == domain else {
                    throw CLIError.input(
                        tr(
                            "the webhook is for \(parsed.domain), but the account's portal is \(domain)",
                            ru: "вебхук для \(parsed.domain), а портал аккаунта — \(domain)"))
                }
                return .webhook(parsed.webhook)
            }
            if let oauthFile {
                let node: JSONNode
                do {
                    node = try JSONParser.parse(
                        try readInput(oauthFile, limit: InputLimits.credentialsBytes, what: "credentials file"))
                } catch let error as JSONParser.SyntaxError {
                    throw CLIError.input("\(oauthFile):\(error.line):\(error.column): \(error.message)")
                }
                var typed = node
                if case .object(var members) = node.value, !members.contains(where: { $0.key == "type" }) {
                    members.insert((key: "type", value: JSONNode(.string("oauth"))), at: 0)
                    typed = JSONNode(.object(members), line: node.line, column: node.column)
                }
                do {
                    return try StrictDecoder.decode(Authorization.self, from: typed)
                } catch {
                    throw documentFailure(error, file: oauthFile)
                }
            }
            return nil
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("List the accounts (secrets masked).", ru: "Список аккаунтов (секреты скрыты)."),
            discussion: example("callgear-setup account list"))
        @OptionGroup var global: GlobalOptions
        @Flag(help: ArgumentHelp(tr("Print JSON (secrets left out).", ru: "Вывести JSON (без секретов)."))) var json = false

        func run() throws {
            let store = try global.openStore()
            let accounts = try store.accounts()
            if json { return Output.json(accounts) }
            if accounts.isEmpty {
                return Output.error(
                    tr(
                        "no accounts yet — 'account add --domain …' adds one",
                        ru: "аккаунтов ещё нет — их добавляет 'account add --domain …'"))
            }
            Output.table(
                [
                    tr("DOMAIN", ru: "ДОМЕН"), tr("NAME", ru: "НАЗВАНИЕ"), tr("AUTHORISATION", ru: "АВТОРИЗАЦИЯ"),
                    tr("PROFILES", ru: "ПРОФИЛИ"),
                ],
                try accounts.map { account in
                    let auth: String =
                        switch account.authorization {
                        case .none: tr("none", ru: "нет")
                        case .webhook(let hook): tr("webhook ", ru: "вебхук ") + hook.maskedURL(on: account.domain)
                        case .oauth(let oauth): "oauth \(oauth.clientID)"
                        }
                    return [
                        account.domain.description, account.name, auth,
                        try store.profiles(usingAccount: account.domain.description).joined(separator: ", "),
                    ]
                })
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Add a Bitrix24 portal.", ru: "Добавить портал Битрикс24."),
            discussion: tr(
                """
                Example: echo "$WEBHOOK" | callgear-setup account add --domain acme.bitrix24.ru --name Acme --webhook-stdin
                """,
                ru:
                    """
                    Пример: echo "$WEBHOOK" | callgear-setup account add --domain acme.bitrix24.ru --name Acme --webhook-stdin
                    """))
        @OptionGroup var global: GlobalOptions
        @Option(
            help: ArgumentHelp(
                tr("The portal's address, e.g. https://acme.bitrix24.ru", ru: "Адрес портала, например https://acme.bitrix24.ru"))
        ) var domain: String
        @Option(
            help: ArgumentHelp(
                tr("A display name (recommended: the portal's name).", ru: "Отображаемое название (лучше — название портала).")))
        var name: String = ""
        @OptionGroup var credentials: Credentials
        @Flag(
            help: ArgumentHelp(
                tr(
                    "Allow plain http to this portal (a self-hosted portal on your own network): its webhook code or token then travels unencrypted.",
                    ru:
                        "Разрешить простой http к этому порталу (свой портал в своей сети): код вебхука или токен тогда идут без шифрования."
                ))
        )
        var allowInsecureHttp = false

        func run() throws {
            let domain: PortalDomain
            do { domain = try PortalDomain(parsing: self.domain) } catch { throw CLIError.input("--domain: " + error.message) }
            let authorization = try credentials.authorization(for: domain) ?? .none
            let account = Account(name: name, domain: domain, authorization: authorization, allowInsecureHTTP: allowInsecureHttp)
            try requireSecureOrAllowed(account)
            try global.openStore().addAccount(account)
            Output.error(
                tr("added account \(domain)", ru: "добавлен аккаунт \(domain)")
                    + (authorization == .none
                        ? tr(" (no authorisation yet)", ru: " (пока без авторизации)")
                        : tr(" with ", ru: ", авторизация: ") + authorization.kindName)
            )
            if account.usesInsecureHTTP {
                Output.error(tr("warning: ", ru: "предупреждение: ") + ConnectionCheck.insecureHTTPWarning)
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Change an account's name, domain or credentials.", ru: "Изменить название, домен или ключи аккаунта."),
            discussion: tr(
                """
                A new domain (a renamed portal) moves every profile of the account along.
                Example: callgear-setup account edit acme.bitrix24.ru --domain acme-new.bitrix24.ru
                """,
                ru:
                    """
                    Новый домен (переименованный портал) переносит с собой все профили аккаунта.
                    Пример: callgear-setup account edit acme.bitrix24.ru --domain acme-new.bitrix24.ru
                    """))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.account) var account: String
        @Option(help: ArgumentHelp(tr("New display name.", ru: "Новое отображаемое название."))) var name: String?
        @Option(help: ArgumentHelp(tr("New portal address.", ru: "Новый адрес портала."))) var domain: String?
        @OptionGroup var credentials: Credentials
        @Flag(
            inversion: .prefixedNo,
            help: ArgumentHelp(
                tr(
                    "Allow (or no longer allow) plain http to this self-hosted portal; its credentials then travel unencrypted.",
                    ru: "Разрешить (или запретить) простой http к этому своему порталу; ключи тогда идут без шифрования.")))
        var allowInsecureHttp: Bool?

        func run() throws {
            let store = try global.openStore()
            let old = try store.findAccount(account)
            var new = old
            if let name { new.name = name }
            if let domain {
                do { new.domain = try PortalDomain(parsing: domain) } catch { throw CLIError.input("--domain: " + error.message) }
            }
            if let auth = try credentials.authorization(for: new.domain) { new.authorization = auth }
            if let allowInsecureHttp { new.allowInsecureHTTP = allowInsecureHttp }
            if new == old {
                return Output.error(
                    tr(
                        "nothing to change — give --name, --domain, credentials or --[no-]allow-insecure-http",
                        ru: "менять нечего — укажите --name, --domain, ключи или --[no-]allow-insecure-http"))
            }
            try requireSecureOrAllowed(new)
            try store.updateAccount(domain: old.domain.description, to: new)
            Output.error(tr("updated account \(new.domain)", ru: "обновлён аккаунт \(new.domain)"))
            if new.usesInsecureHTTP {
                Output.error(tr("warning: ", ru: "предупреждение: ") + ConnectionCheck.insecureHTTPWarning)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr(
                "Remove an account; refused while profiles use it unless --cascade.",
                ru: "Удалить аккаунт; нельзя, пока им пользуются профили, если не указан --cascade."),
            discussion: example("callgear-setup account remove acme.bitrix24.ru --yes"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: CommonHelp.account) var account: String
        @Flag(help: ArgumentHelp(tr("Also delete the profiles that use it.", ru: "Удалить и профили, которые им пользуются.")))
        var cascade = false
        @Flag(help: ArgumentHelp(tr("Confirm the removal.", ru: "Подтвердить удаление."))) var yes = false

        func run() throws {
            let store = try global.openStore()
            let found = try store.findAccount(account)
            let users = try store.profiles(usingAccount: found.domain.description)
            guard yes else {
                let extra =
                    users.isEmpty
                    ? ""
                    : tr(" and, with --cascade, profiles ", ru: ", а с --cascade — и профили ") + users.joined(separator: ", ")
                throw CLIError.input(
                    tr(
                        "removing \(found.domain) deletes its stored credentials",
                        ru: "удаление \(found.domain) удалит его сохранённые ключи") + extra
                        + tr(" — add --yes to confirm", ru: " — добавьте --yes для подтверждения"))
            }
            try store.removeAccount(domain: found.domain.description, cascade: cascade)
            Output.error(
                tr("removed account \(found.domain)", ru: "удалён аккаунт \(found.domain)")
                    + (cascade && !users.isEmpty ? tr(" and profiles ", ru: " и профили ") + users.joined(separator: ", ") : "")
            )
        }
    }
}

/// A plain-http portal beyond loopback only with the operator's stored choice.
func requireSecureOrAllowed(_ account: Account) throws {
    guard account.usesInsecureHTTP, !account.allowInsecureHTTP else { return }
    throw CLIError.input(
        tr(
            "\(account.domain) is plain http: the webhook code or token would travel unencrypted — use https, or, for a self-hosted portal on your own network, add --allow-insecure-http to store that choice",
            ru:
                "\(account.domain) — простой http: код вебхука или токен пойдут без шифрования — используйте https, а для своего портала в своей сети добавьте --allow-insecure-http, чтобы сохранить этот выбор"
        )
    )
}
