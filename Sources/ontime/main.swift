import Dispatch
import Foundation
import OnTimeCLI
import OnTimeCore

// SIGINT/SIGTERM ask the search to stop; it then writes the best plan so far.
let stop = StopFlag()
var signalSources: [DispatchSourceSignal] = []
for sig in [SIGINT, SIGTERM] {
    signal(sig, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
    source.setEventHandler { stop.raise() }
    source.resume()
    signalSources.append(source)
}

let console = Console(
    out: { FileHandle.standardOutput.write(Data($0.utf8)) },
    err: { FileHandle.standardError.write(Data($0.utf8)) })
exit(OnTime.run(Array(CommandLine.arguments.dropFirst()), console: console, stop: stop).rawValue)
