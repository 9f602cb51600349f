package dev.seqlab.render;

import dev.seqlab.plot.LearningCurve;
import java.util.Map;

/** A {@link LearningCurve}: its table as text and its chart as images. */
final class LearningCurveRenderer implements Renderer<LearningCurve> {

    private final FigureRenderer figures = new FigureRenderer();

    @Override
    public void render(LearningCurve curve, Map<String, Object> bundle) {
        figures.render(curve.chart(), bundle);
    }
}
