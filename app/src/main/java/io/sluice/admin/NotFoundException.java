package io.sluice.admin;

class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message);
    }
}
