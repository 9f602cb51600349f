package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.seqlab.data.DataSpec;
import dev.seqlab.runtime.Torch;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parameter counts written out by hand (DJL/PyTorch keep two bias vectors per gate block). */
class ParameterCountTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // LSTM(5), F=3, 2 outputs: 4*5*(3+5) + 8*5 = 200; head 5*2+2 = 12
                Arguments.of(Stack.lstm(5), Fixtures.regression(), 212L),
                // bidirectional GRU(4), F=3: 2 * (3*4*(3+4) + 6*4) = 216; head 8*3+3 = 27
                Arguments.of(Stack.gru(4).bidirectional(), Fixtures.numericClasses(), 243L),
                // embedding 11*5 = 55; RNN(4) on 5: 4*9+8 = 44, norm 8; RNN(6) on 4: 6*10+12 = 72,
                // projection 6*4 = 24, norm 12; attention 6*6+6 + 6 = 48; head 6*3+3 = 21
                Arguments.of(Stack.rnn(4, 6).embedding(5).layerNorm().residualProjected().attention(),
                        Fixtures.tokenClasses(), 284L),
                // default embedding 11*32 = 352; LSTM(4) on 32: 4*4*36 + 32 = 608; head 4*11+11 = 55
                Arguments.of(Stack.lstm(4), Fixtures.nextToken(), 1015L),
                // two RNN(3) with identity skip and dropout: 3*(3+3)+6 = 24 twice; head 3*2+2 = 8
                Arguments.of(Stack.rnn(3).layers(2).residual().dropout(0.1), Fixtures.regression(), 56L));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void countMatchesTheHandCountAndDjl(Stack stack, DataSpec spec, long expected) {
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(stack, spec, m);
            assertEquals(expected, net.parameterCount());
            long djl = 0;
            for (Parameter p : net.block().getParameters().values()) {
                djl += p.getArray().size();
            }
            assertEquals(djl, net.parameterCount());
        }
    }
}
