/**
 * What the server's lookup tables ({@code geo://location}, {@code sumo://threat/cs}) are made of, over HTTP: their
 * precision, sizes, refresh state and the attributions their data's licences ask to show.
 */
package dev.loupe.server.lookups;
