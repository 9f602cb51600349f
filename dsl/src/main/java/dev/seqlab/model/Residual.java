package dev.seqlab.model;

/** How a layer's input joins its output: not at all, added as is, or added through a projection. */
enum Residual {
    NONE,
    IDENTITY,
    PROJECTED
}
