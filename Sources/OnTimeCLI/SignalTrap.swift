import Dispatch
import Foundation
import OnTimeCore

/// Turns SIGINT and SIGTERM into a raised `StopFlag`, so the search stops and the best
/// plan so far is written instead of the process dying.
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

    private static func makeHandler(_ flag: StopFlag) -> @Sendable () -> Void {
        { flag.raise() }
    }
}
