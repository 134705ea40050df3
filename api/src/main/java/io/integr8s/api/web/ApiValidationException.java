package io.integr8s.api.web;

/** A request parameter failed validation; answered with the contract's 422 body naming the parameter. */
public class ApiValidationException extends RuntimeException {

    private final String parameter;
    private final Object input;

    public ApiValidationException(String parameter, Object input, String message) {
        super(message);
        this.parameter = parameter;
        this.input = input;
    }

    public String parameter() {
        return parameter;
    }

    public Object input() {
        return input;
    }
}
