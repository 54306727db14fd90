import Foundation
import OnTimeCLI
import OnTimeCore

// SIGINT/SIGTERM ask the search to stop; it then writes the best plan so far.
let stop = StopFlag()
SignalTrap.install(raising: stop)

let console = Console(
    out: { FileHandle.standardOutput.write(Data($0.utf8)) },
    err: { FileHandle.standardError.write(Data($0.utf8)) })
exit(OnTime.run(Array(CommandLine.arguments.dropFirst()), console: console, stop: stop).rawValue)
