// Benchmark, not a test: frame render time and type-to-filter time per keystroke at
// 10,000 and 50,000 items (budget: under 5 ms per keystroke at 10,000). `make bench`.
import Foundation
import TerminalUI

func milliseconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let theme = Theme.builtinDefault
for count in [10_000, 50_000] {
    let items = (0..<count).map { i in
        PickItem(
            id: "\(i)", title: i % 997 == 0 ? "Семён Ёлкин \(i)" : "Пользователь \(i) Иванов", detail: "user\(i)@example.com")
    }
    // Typing "ёлкин" one key at a time, then erasing it, many times over.
    var perKey: [Double] = []
    var render: [Double] = []
    for _ in 0..<20 {
        var list = PickList(items)
        for c in "ёлкин" {
            perKey.append(
                milliseconds {
                    _ = list.handle(.character(c))
                    var buffer = Buffer(width: 80, height: 24)
                    list.render(into: &buffer, in: buffer.area, theme: theme, focused: true)
                })
        }
        for _ in 0..<5 { perKey.append(milliseconds { _ = list.handle(.backspace) }) }
        var fresh = PickList(items)
        render.append(
            milliseconds {
                var buffer = Buffer(width: 80, height: 24)
                fresh.render(into: &buffer, in: buffer.area, theme: theme, focused: true)
            })
    }
    print(
        String(
            format:
                "pick list %d items: filter+render per keystroke median %.3f ms, worst %.3f ms; full frame render median %.3f ms",
            count, median(perKey), perKey.max()!, median(render)))
}
