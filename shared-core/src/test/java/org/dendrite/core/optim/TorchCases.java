package org.dendrite.core.optim;

import com.fasterxml.jackson.databind.JsonNode;

/** Maps a PyTorch reference case (optimizer class name and its kwargs) to the Dendrite optimizer, in one place. */
final class TorchCases {
    private TorchCases() {}

    static Optimizer optimizer(JsonNode c) {
        JsonNode o = c.get("options");
        double lr = o.get("lr").asDouble();
        double wd = o.path("weight_decay").asDouble(0);
        return switch (c.get("optimizer").asText()) {
            case "SGD" -> new Sgd(lr, o.get("momentum").asDouble(), o.get("dampening").asDouble(), o.get("nesterov").asBoolean(), wd);
            case "Adagrad" -> new Adagrad(lr, o.get("lr_decay").asDouble(), wd, o.get("initial_accumulator_value").asDouble(), o.get("eps").asDouble());
            case "RMSprop" -> new RmsProp(lr, o.get("alpha").asDouble(), o.get("eps").asDouble(), wd, o.get("momentum").asDouble(),
                    o.get("centered").asBoolean());
            case "Adadelta" -> new Adadelta(lr, o.get("rho").asDouble(), o.get("eps").asDouble(), wd);
            case "Adam" -> new Adam(lr, o.get("betas").get(0).asDouble(), o.get("betas").get(1).asDouble(), o.get("eps").asDouble(), wd,
                    o.get("amsgrad").asBoolean(), false);
            case "AdamW" -> new Adam(lr, o.get("betas").get(0).asDouble(), o.get("betas").get(1).asDouble(), o.get("eps").asDouble(), wd,
                    o.get("amsgrad").asBoolean(), true);
            case "Adamax" -> new AdaMax(lr, o.get("betas").get(0).asDouble(), o.get("betas").get(1).asDouble(), o.get("eps").asDouble(), wd);
            case "NAdam" -> new Nadam(lr, o.get("betas").get(0).asDouble(), o.get("betas").get(1).asDouble(), o.get("eps").asDouble(), wd,
                    o.get("momentum_decay").asDouble());
            case "LBFGS" -> new Lbfgs(lr, o.get("max_iter").asInt(), o.get("max_eval").asInt(), o.get("tolerance_grad").asDouble(),
                    o.get("tolerance_change").asDouble(), o.get("history_size").asInt(), !o.get("line_search_fn").isNull());
            default -> throw new IllegalArgumentException("No Dendrite optimizer for " + c.get("optimizer"));
        };
    }
}
