package dev.demon.demo.predict;

import org.springframework.http.HttpStatus;

/** A request body that {@code POST /predict} refuses, with the status that says why. */
class RefusedImageException extends Exception {

    private final HttpStatus status;

    RefusedImageException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    RefusedImageException(HttpStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    HttpStatus getStatus() {
        return status;
    }

}
