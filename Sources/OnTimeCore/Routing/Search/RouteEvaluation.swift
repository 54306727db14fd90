extension Problem {
    /// A route as the search prices it, for vehicle type `vehicle` (see
    /// `LocalSearch.typedCost`): its cost, its load above capacity, and its overrun (time
    /// warp, plus duration above the type's maximum, plus distance above its maximum).
    /// Computed with the same time segments as the search, visit by visit.
    func searchEvaluation(_ route: [Int32], vehicle: Int) -> (cost: Int, excess: Int, overrun: Int) {
        guard !route.isEmpty else { return (0, 0, 0) }
        let type = vehicleTypes[vehicle]
        var time = departureSegment(vehicle: vehicle)
        var previous = type.startDepot, distance = 0, load = 0
        for c32 in route {
            let c = Int(c32)
            distance += self.distance(previous, c, vehicle: vehicle)
            load += demands[c]
            time = time.followed(by: TimeSegment(ready: readyTimes[c], due: dueTimes[c], service: serviceTimes[c]),
                                 travel: duration(previous, c, vehicle: vehicle))
            previous = c
        }
        distance += self.distance(previous, type.endDepot, vehicle: vehicle)
        time = time.followed(by: TimeSegment(ready: 0, due: min(dueTimes[type.endDepot], type.shiftEnd), service: 0),
                             travel: duration(previous, type.endDepot, vehicle: vehicle))
        let duration = isTimed ? time.duration : 0
        var overrun = isTimed ? time.timeWarp : 0
        if let limit = type.maxDuration { overrun += max(0, duration - limit) }
        if let limit = type.maxDistance { overrun += max(0, distance - limit) }
        let cost = type.fixedCost + type.distanceCost * distance + type.durationCost * duration
        let peak = shipments.isEmpty ? load : peakLoad(route.map(Int.init))
        var excess = max(0, peak - type.capacity)
        for (d, demand) in extraDemands.enumerated() {
            excess += max(0, route.reduce(0) { $0 + demand[Int($1)] } - type.extraCapacities[d])
        }
        return (cost, excess, overrun)
    }

    /// The start of a route driven by type `vehicle`: it leaves its start depot within the
    /// depot's hours and the shift. When those do not overlap (a shift starting after the
    /// depot closes), no departure is possible, as the verifier says: the gap is time warp
    /// and the route goes on as if it had left at the depot's closing.
    func departureSegment(vehicle: Int) -> TimeSegment {
        let type = vehicleTypes[vehicle]
        let opens = max(readyTimes[type.startDepot], type.shiftStart), closes = min(dueTimes[type.startDepot], type.shiftEnd)
        guard opens > closes else { return TimeSegment(ready: opens, due: closes, service: 0) }
        return TimeSegment(duration: 0, timeWarp: opens - closes, earliest: opens, latest: opens)
    }
}
