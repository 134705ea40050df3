package io.integr8s.api.web;

/** A request parameter or body field failed validation; answered with the contract's 422 body naming the parameter. */
public class ApiValidationException extends RuntimeException {

    private final String where;
    private final String parameter;
    private final Object input;

    public ApiValidationException(String parameter, Object input, String message) {
        this("query", parameter, input, message);
    }

    private ApiValidationException(String where, String parameter, Object input, String message) {
        super(message);
        this.where = where;
        this.parameter = parameter;
        this.input = input;
    }

    /** A field of the request body (JSON or form) failed validation. */
    public static ApiValidationException inBody(String field, Object input, String message) {
        return new ApiValidationException("body", field, input, message);
    }

    public String where() {
        return where;
    }

    public String parameter() {
        return parameter;
    }

    public Object input() {
        return input;
    }
}
