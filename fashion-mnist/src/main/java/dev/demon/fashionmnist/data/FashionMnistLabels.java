package dev.demon.fashionmnist.data;

import java.util.List;

/**
 * The names of Fashion-MNIST's ten classes, by label: label 0 is "T-shirt/top", 9 "Ankle
 * boot" (github.com/zalandoresearch/fashion-mnist, README "Labels").
 */
public final class FashionMnistLabels {

    /** The class names, in label order. */
    public static final List<String> NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnistLabels() {
    }

}
