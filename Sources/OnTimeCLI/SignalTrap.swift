import Dispatch
import Foundation
import OnTimeCore

/// Turns SIGINT and SIGTERM into a raised `StopFlag`, so the search stops and the best
/// plan so far is written instead of the process dying (or, before any plan exists, the
/// process ends at once with exit 130).
///
/// The handler runs on a Dispatch queue, not the main actor: it must stay nonisolated
/// (a main-actor closure called there fails Swift 6's isolation check and traps).
public enum SignalTrap {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    public static func install(raising flag: StopFlag) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: makeHandler(flag))
            source.resume()
            sources.append(source)
        }
    }

    /// Raises the flag; when nothing answers it yet (reading the instance, building the
    /// first plan), ends the process at once with exit 130: there is no plan to save, and
    /// nothing has been written (outputs are only written atomically, at the end).
    private static func makeHandler(_ flag: StopFlag) -> @Sendable () -> Void {
        {
            flag.raise()
            if !flag.isAnswered {
                let message = "ontime: interrupted before any plan was found; nothing written\n"
                _ = message.withCString { write(2, $0, strlen($0)) }
                _exit(130)
            }
        }
    }
}
