package dev.seqlab.train;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code run.json} field that a sound checkpoint may leave out (the loader's check for
 * damaged files skips it). The record that holds it says in {@code problem()} which combination
 * of such fields must be there: for a stack, {@code cell} (uniform) or {@code layers} (mixed).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface MayBeAbsent {}
