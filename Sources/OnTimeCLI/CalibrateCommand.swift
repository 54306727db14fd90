import Foundation
import OnTimeCore

/// `ontime calibrate`: fits the travel-time model to planned-vs-actual history.
enum CalibrateCommand {
    static let usage = """
        Usage: ontime calibrate HISTORY.csv [--output MODEL.json]
                                [--clock-start HOUR] [--units-per-hour U]

        Fits the travel-time model used for arrival windows (--travel-model of solve and
        notify) to history: HISTORY.csv has columns planned and actual (durations in the
        instances' time units), optionally kind (leg or service), day (legs of one day
        share a congestion factor, fitted as day_cv), hour (the hour of day the leg
        departed, 0-23.99 or HH:MM: each hour with at least 30 legs gets its own mean
        factor and spread, by_hour), carrier and region (each with at least 200 legs
        gets a model of its own, by_carrier / by_region, chosen with --carrier or
        --region of solve and notify) and late (0/1, whether the delivery missed its
        promise). Prints the model and each carrier's on-time rate; --output writes the
        model file.

        --clock-start HOUR and --units-per-hour U (defaults 8 and 60) say how the plans'
        times map to hours of day: time t is at HOUR + t / U o'clock.

        Example:
          ontime calibrate history.csv --clock-start 7.5 --output model.json
          ontime solve instances/demo-vrptw-25.txt --travel-model model.json --format json
        """

    static func run(_ args: [String], console: Console) -> ExitCode {
        let parsed: Arguments
        let clockStart: Double?, unitsPerHour: Double?
        do {
            parsed = try Arguments(args, valueOptions: ["output", "clock-start", "units-per-hour"], flagOptions: ["help"])
            clockStart = try parsed.double("clock-start", range: 0...24)
            unitsPerHour = try parsed.double("units-per-hour", range: 1e-6...1e9)
        } catch {
            console.err("ontime calibrate: \(error)\n\n\(usage)\n")
            return .badInput
        }
        if parsed.has("help") { console.out(usage + "\n"); return .ok }
        guard parsed.positional.count == 1 else {
            console.err("ontime calibrate: expected HISTORY.csv\n\n\(usage)\n")
            return .badInput
        }
        if let output = parsed.value("output") {
            do { try AtomicFile.checkWritable(output) } catch { console.err("ontime calibrate: \(error)\n"); return .badInput }
        }
        if let code = OutputChecks.refuseClash("calibrate", outputs: [("--output", parsed.value("output"))],
                                               inputs: [("HISTORY", parsed.positional[0])], console: console) { return code }
        let rows: [Calibration.Row]
        do { rows = try Calibration.read(path: parsed.positional[0]) } catch {
            console.err("ontime: \(error)\n")
            return .badInput
        }
        let result = Calibration.fit(rows)
        for warning in result.warnings { console.err("ontime calibrate: warning: \(warning)\n") }
        var m = result.model
        if let clockStart { m.clockStart = clockStart }
        if let unitsPerHour { m.unitsPerHour = unitsPerHour }
        let json = m.json
        console.out("calibrated on \(result.legs) legs and \(result.services) services:\n" + json)
        for (carrier, counts) in result.carriers.sorted(by: { $0.key < $1.key }) {
            console.out(String(format: "carrier %@: %.1f %% on time (%d of %d)\n", carrier,
                               100 * Double(counts.onTime) / Double(max(1, counts.deliveries)), counts.onTime, counts.deliveries))
        }
        if let output = parsed.value("output") {
            do { try AtomicFile.write(json, to: output) } catch { console.err("ontime calibrate: \(error)\n"); return .internalError }
        }
        return .ok
    }
}
