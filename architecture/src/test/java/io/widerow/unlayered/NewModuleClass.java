package io.widerow.unlayered;

/** Planted violation: a class of a root package no layer names. */
public final class NewModuleClass {}
