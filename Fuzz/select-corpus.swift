// Picks a small corpus to keep as regression tests: a greedy set cover over the features
// libFuzzer recorded per input in a merge control file (written by `-set_cover_merge=1
// -merge_control_file=FILE`, which lists every feature of every input).
//
//   swift select-corpus.swift CONTROL_FILE MAX_FILES MAX_BYTES
//
// Prints the chosen inputs' paths, one per line, most features first, then a summary
// line "# kept K of N inputs, F of T features, B bytes" on stderr.
import Foundation

let args = CommandLine.arguments
guard args.count == 4, let maxFiles = Int(args[2]), let maxBytes = Int(args[3]),
      let text = try? String(contentsOfFile: args[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: swift select-corpus.swift CONTROL_FILE MAX_FILES MAX_BYTES\n".utf8))
    exit(2)
}
let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
guard lines.count > 2, let count = Int(lines[0]) else { fatalError("not a merge control file") }
let paths = lines[2..<(2 + count)].map(String.init)
var size = [Int](repeating: 0, count: count)
var features = [Set<UInt64>](repeating: [], count: count)
for line in lines.dropFirst(2 + count) {
    let parts = line.split(separator: " ")
    guard parts.count >= 2, let i = Int(parts[1]), i < count else { continue }
    if parts[0] == "STARTED", parts.count >= 3 { size[i] = Int(parts[2]) ?? 0 }
    if parts[0] == "FT" { features[i].formUnion(parts.dropFirst(2).compactMap { UInt64($0) }) }
}
let total = features.reduce(into: Set<UInt64>()) { $0.formUnion($1) }
var covered = Set<UInt64>()
var chosen: [Int] = []
var bytes = 0
var left = Set(0..<count)
while chosen.count < maxFiles {
    // Most new features; among equals, the smaller input.
    var best: (index: Int, gain: Int)? = nil
    for i in left where bytes + size[i] <= maxBytes {
        let gain = features[i].subtracting(covered).count
        if gain > 0, best == nil || gain > best!.gain || (gain == best!.gain && size[i] < size[best!.index]) { best = (i, gain) }
    }
    guard let best else { break }
    chosen.append(best.index)
    left.remove(best.index)
    covered.formUnion(features[best.index])
    bytes += size[best.index]
}
for i in chosen { print(paths[i]) }
FileHandle.standardError.write(Data("# kept \(chosen.count) of \(count) inputs, \(covered.count) of \(total.count) features, \(bytes) bytes\n".utf8))
