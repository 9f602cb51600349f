/**
 * {@code seqlab sweep --master URL} on Apache Spark: {@link dev.seqlab.spark.SparkTrials} turns
 * each trial into one Spark task whose data is the notebook, its parameters and the files it reads;
 * the executor runs it with SeqLab's engine and returns the executed notebook. Found by the kernel
 * through {@link java.util.ServiceLoader}; nothing else in SeqLab depends on Spark.
 */
package dev.seqlab.spark;
