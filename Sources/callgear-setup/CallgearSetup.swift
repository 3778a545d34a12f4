import ArgumentParser
import SetupModel

/// The root command: wiring only. Each group lives in its own file.
struct CallgearSetup: AsyncParsableCommand {
    /// The same commands in both languages' help.
    static let examples = """
          callgear-setup demo
          callgear-setup onboard --region dubai
          callgear-setup account add --domain https://acme.bitrix24.ru --name "Acme" --webhook-stdin
          callgear-setup profile create acme-chats --region dubai --account acme.bitrix24.ru
          callgear-setup profile export acme-chats > acme.json
          callgear-setup profile import acme.json --replace
        """

    static let configuration = CommandConfiguration(
        commandName: "callgear-setup",
        abstract: tr(
            "Connect a Bitrix24 portal to CallGear (Latvia or Dubai) and set up how chats and offline requests become leads and deals.",
            ru:
                "Подключить портал Битрикс24 к CallGear (Латвия или Дубай) и настроить, как чаты и офлайн-заявки становятся лидами и сделками."
        ),
        discussion: tr(
            """
            Exit codes: 0 success, 1 validation failed, 2 usage or input error, 3 the store or the system failed.
            Messages go to stderr, data to stdout. Every command that reads the store takes --store PATH.

            Without a command the console opens (on the profile saved last, or the onboarding when there is none).

            """,
            ru:
                """
                Коды выхода: 0 успех, 1 проверка не прошла, 2 ошибка вызова или ввода, 3 сбой хранилища или системы.
                Сообщения идут в stderr, данные — в stdout. Каждая команда, читающая хранилище, принимает --store PATH.

                Без команды открывается консоль (на профиле, сохранённом последним, или подключение, если профилей нет).

                """)
            + tr("\nExamples:\n", ru: "\nПримеры:\n") + Self.examples,
        subcommands: [
            ConsoleCommand.self, OnboardCommand.self, ProfileCommand.self, AccountCommand.self, PortalCommand.self,
            CallGearCommand.self, SimulateCommand.self, ReplayCommand.self, SandboxCommand.self, DemoCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}
