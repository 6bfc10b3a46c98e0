// Package admit decides who gets an entry-grade seat, per stage and year.
//
// Base seats. Every area applies to its base school (see package catchment).
// A school with at least as many seats as applicants admits them all; an
// oversubscribed school admits by distance, nearest area first, and where
// the seats run out among areas at the same distance the remaining seats go
// by a seeded lottery over their children. Whoever is not admitted is
// unplaced: the shortfall (学位缺口).
//
// The invariant, for every area: entrants = admitted + unplaced.
package admit
