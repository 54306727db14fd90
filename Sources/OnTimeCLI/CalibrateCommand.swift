import Foundation
import OnTimeCore

/// `ontime calibrate`: fits the travel-time model to planned-vs-actual history.
enum CalibrateCommand {
    static let usage = """
        Usage: ontime calibrate HISTORY.csv [--output MODEL.json]

        Fits the travel-time model used for arrival windows (--travel-model of solve and
        notify) to history: HISTORY.csv has columns planned and actual (durations in the
        instances' time units), optionally kind (leg or service), day (legs of one day
        share a congestion factor, fitted as day_cv), carrier and late (0/1, whether the
        delivery missed its promise). Prints the model and each carrier's
        on-time rate; --output writes the model file.
        """

    static func run(_ args: [String], console: Console) -> ExitCode {
        let parsed: Arguments
        do { parsed = try Arguments(args, valueOptions: ["output"], flagOptions: ["help"]) } catch {
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
        let rows: [Calibration.Row]
        do { rows = try Calibration.read(path: parsed.positional[0]) } catch {
            console.err("ontime: \(error)\n")
            return .badInput
        }
        let result = Calibration.fit(rows)
        let m = result.model
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
