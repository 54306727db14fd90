/// Nearest-neighbour construction (Solomon 1987): a route grows from the depot by
/// appending, among the customers not yet served that it can still take (capacity, the
/// customer's window, and a return before the depot closes), the "closest" to its last
/// stop; when none fits the route returns and the next one starts.
///
/// Without time windows "closest" is the distance. With windows it is Solomon's blend
/// of distance, the time between leaving the last stop and starting service (driving
/// plus waiting), and the urgency (how much of the window is left on arrival), weighted
/// 0.4, 0.4, 0.2, so a route does not wait an hour for a neighbour while others expire.
///
/// O(n²) distance reads; customers no vehicle can serve even alone (see `Screening`) are
/// left out of the plan; the fleet size is not enforced (the verifier reports a plan
/// with too many routes).
public enum NearestNeighbour {
    public static func solve(_ problem: Problem) -> Solution {
        let left = Set(Screening.unservable(problem).map(\.customer))
        var remaining = stride(from: 1, through: problem.customerCount, by: 1).filter { !left.contains($0) }
        var routes: [[Int]] = []
        let timed = problem.hasTimeWindows
        while !remaining.isEmpty {
            var route: [Int] = []
            var last = 0, load = 0, time = problem.readyTimes[0]
            while true {
                var best: (index: Int, score: Double)? = nil
                for (index, c) in remaining.enumerated() {
                    guard load + problem.demands[c] <= problem.capacity else { continue }
                    let arrival = time + problem.duration(last, c)
                    let begin = max(arrival, problem.readyTimes[c])
                    guard begin <= problem.dueTimes[c],
                          begin + problem.serviceTimes[c] + problem.duration(c, 0) <= problem.dueTimes[0] else { continue }
                    let distance = Double(problem.distance(last, c))
                    let score = timed
                        ? 0.4 * distance + 0.4 * Double(begin - time) + 0.2 * Double(problem.dueTimes[c] - arrival)
                        : distance
                    // Ties go to the lower customer index (`remaining` is kept in index order).
                    if best.map({ score < $0.score }) ?? true { best = (index, score) }
                }
                guard let best else { break }
                let c = remaining.remove(at: best.index)
                let begin = max(time + problem.duration(last, c), problem.readyTimes[c])
                route.append(c)
                load += problem.demands[c]
                time = begin + problem.serviceTimes[c]
                last = c
            }
            if route.isEmpty {
                // Unreachable after screening (any servable customer fits an empty route);
                // kept so that a disagreement can never loop: the verifier will say why.
                routes.append(contentsOf: remaining.map { [$0] })
                break
            }
            routes.append(route)
        }
        return Solution(routes: routes)
    }
}
