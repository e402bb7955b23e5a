import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reference vectors for embedding-service's agreement test, computed WITHOUT the service's code
 * path (no langchain4j): the HuggingFace tokenizer (DJL binding) straight on the model's
 * tokenizer.json, a raw ONNX Runtime session on the all-MiniLM-L6-v2 weights, attention-masked
 * mean pooling and L2 normalisation written out here, as sentence-transformers defines the model.
 * Prints a TSV (sentence, then 384 comma-separated floats) to stdout; run-reference.sh writes it
 * into embedding-service/src/test/resources/reference-vectors.tsv.
 */
public class ReferenceVectors {

    static final String[] SENTENCES = {
            "What is the monthly payment on a 30-year fixed mortgage?",
            "How does my credit score affect my interest rate?",
            "Can I get an FHA loan with a small down payment?",
            "Someone asked me to wire closing funds to a new account by email.",
            "I lost my job and may miss my next mortgage payment."};

    public static void main(String[] args) throws Exception {
        ClassLoader loader = ReferenceVectors.class.getClassLoader();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] model;
        try (InputStream in = loader.getResourceAsStream("all-minilm-l6-v2.onnx")) {
            model = in.readAllBytes();
        }
        HuggingFaceTokenizer tokenizer;
        try (InputStream in = loader.getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
            tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "true", "maxLength", "256"));
        }
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions())) {
            for (String sentence : SENTENCES) {
                Encoding encoding = tokenizer.encode(sentence);
                long[] ids = encoding.getIds();
                long[] mask = encoding.getAttentionMask();
                long[] types = encoding.getTypeIds();
                try (OnnxTensor idsT = OnnxTensor.createTensor(env, new long[][]{ids});
                     OnnxTensor maskT = OnnxTensor.createTensor(env, new long[][]{mask});
                     OnnxTensor typesT = OnnxTensor.createTensor(env, new long[][]{types});
                     OrtSession.Result result = session.run(Map.of("input_ids", idsT, "attention_mask", maskT, "token_type_ids", typesT))) {
                    float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
                    double[] pooled = new double[tokens[0].length];
                    double count = 0;
                    for (int t = 0; t < tokens.length; t++) {
                        if (mask[t] == 0) {
                            continue;
                        }
                        count++;
                        for (int d = 0; d < pooled.length; d++) {
                            pooled[d] += tokens[t][d];
                        }
                    }
                    double norm = 0;
                    for (int d = 0; d < pooled.length; d++) {
                        pooled[d] /= count;
                        norm += pooled[d] * pooled[d];
                    }
                    norm = Math.sqrt(norm);
                    StringJoiner values = new StringJoiner(",");
                    for (double v : pooled) {
                        values.add(String.format(Locale.ROOT, "%.7f", v / norm));
                    }
                    System.out.println(sentence + "\t" + values);
                }
            }
        }
    }
}
