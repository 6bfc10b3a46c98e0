// Package catchment decides each residential area's base school for a stage
// (划片): by zones (catchment properties or polygons) or by the nearest open
// school, within the area's district unless cross-district service is allowed.
//
// An Assignment also groups areas by school, nearest first, which is the
// order base-seat admission works through.
package catchment
