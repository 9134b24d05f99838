package io.sluice.destinations.stripe;

import java.util.function.BiConsumer;
import java.util.function.Function;

import com.stripe.model.Customer;
import com.stripe.param.CustomerUpdateParams;

/** The customer's own fields a sync may write besides metadata: text Stripe lets an update set or unset. */
enum CustomerField {
    NAME("name", CustomerUpdateParams.Builder::setName, Customer::getName),
    EMAIL("email", CustomerUpdateParams.Builder::setEmail, Customer::getEmail),
    PHONE("phone", CustomerUpdateParams.Builder::setPhone, Customer::getPhone),
    DESCRIPTION("description", CustomerUpdateParams.Builder::setDescription, Customer::getDescription);

    private final String fieldName;
    private final BiConsumer<CustomerUpdateParams.Builder, String> setter;
    private final Function<Customer, String> getter;

    CustomerField(String fieldName, BiConsumer<CustomerUpdateParams.Builder, String> setter,
                  Function<Customer, String> getter) {
        this.fieldName = fieldName;
        this.setter = setter;
        this.getter = getter;
    }

    /** As a sync file's mapping and Stripe's API name it. */
    String fieldName() {
        return fieldName;
    }

    void set(CustomerUpdateParams.Builder params, String value) {
        setter.accept(params, value);
    }

    String valueOf(Customer customer) {
        return getter.apply(customer);
    }
}
