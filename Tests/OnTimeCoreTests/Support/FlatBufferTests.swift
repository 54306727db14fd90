import Testing
@testable import OnTimeCore

@Suite("FlatBuffer")
struct FlatBufferTests {
    @Test func storesAndFills() {
        var buffer = FlatBuffer<Int32>(count: 5, repeating: 7)
        #expect((0..<5).allSatisfy { buffer[$0] == 7 })
        buffer[3] = -2
        #expect(buffer[3] == -2 && buffer[2] == 7)
        // A buffer cannot be copied (`let alias = buffer` then using both does not
        // compile); it can only be moved, with its contents.
        var moved = consume buffer
        #expect(moved[3] == -2)
        moved.fill(1)
        #expect((0..<5).allSatisfy { moved[$0] == 1 })
    }

    @Test func searchBuffersCoverTheLargestPlan() throws {
        // One route per customer is the most a plan can use; load must accept it and
        // index only inside the buffers (checked by FlatBuffer's asserts in debug).
        let p = TestData.randomProblem(customers: 12, seed: 8)
        var search = LocalSearch<Matrix, ClassicFeatures>(problem: p, neighbours: Neighbourhood(problem: p, size: 4), penalties: Penalties(capacity: 1e6))
        search.load(Solution(routes: (1...12).map { [$0] }))
        var rng = RandomGenerator(seed: 1)
        search.run(rng: &rng)
        #expect(Verifier.check(p, routes: search.solution().routes).isFeasible)
        #expect(search.routeCount <= search.data.maximumRoutes)
    }
}
