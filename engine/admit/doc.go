// Package admit decides who gets an entry-grade seat, per stage and year, the
// way Chinese cities run admission (免试就近入学):
//
//  0. Progression (junior stage): a nine-year school's own primary leavers
//     take its junior base seats first (九年一贯直升, route nine_year),
//     then the leavers of the primaries a school lists as feeders take its
//     base seats (对口直升, route feeder); see Progression. Both routes
//     are base seats.
//  1. Base seats (基础学位). Each school's entry seats split into base seats
//     for its own catchment and shared seats for its sharing zone. Areas of a
//     single-school catchment apply to their school's base seats; an
//     oversubscribed school admits the nearest areas first and, where the
//     seats run out among areas at the same distance, draws a seeded
//     lottery over their children. Children of multi-school catchments
//     (多校划片) are then drawn by lottery, one by one, each to one of the
//     area's schools with a base seat left, with odds in proportion to the
//     seats left. Areas that a balanced catchment split over several
//     schools take the base seats it gave them first.
//  2. Seat swaps. A school in a seat-swap agreement reserves some base
//     seats for children of the other district still without a seat,
//     nearest first; reserved seats left over go back to its own
//     catchment, nearest first.
//  3. Shared seats (共享学位). Children still without a seat apply to the
//     shared seats of their base school's sharing zone (大学区), plus, by
//     policy, the base seats the zone's schools left empty. By distance:
//     the nearest (child, school) pairs first. By lottery: children in a
//     seeded random order, each to the nearest zone school with room.
//  4. Bureau placement (统筹). By policy, the rest are placed in the
//     nearest school of the stage with a seat left within a maximum
//     distance (nearest pairs first), or squeezed into their base school as
//     oversize classes up to a class-size limit, or left alone.
//  5. Whoever is left is unplaced: the shortfall (学位缺口).
//
// For every area: entrants = base (with nine_year and feeder) + shared +
// placed + oversize + unplaced,
// and no school takes more than its entry seats except by oversize.
// Everything random is drawn from the seed, the stage, the year and the
// school or zone, so the same inputs give the same outcome.
package admit
