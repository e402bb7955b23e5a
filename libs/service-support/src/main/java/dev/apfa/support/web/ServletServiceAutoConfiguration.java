package dev.apfa.support.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Request ids, body-size cap, strict JSON bodies and problem+json errors for every servlet service
 * that depends on service-support. Runs before Boot's MVC and error auto-configurations so that its
 * advice and error controller replace theirs.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public class ServletServiceAutoConfiguration {

    /** Before everything, Spring Security included, so even a 401 carries the id. */
    public static final int REQUEST_ID_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;

    @Bean
    FilterRegistrationBean<RequestIdFilter> apfaRequestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(REQUEST_ID_FILTER_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> apfaBodySizeLimitFilter(
            @Value("${apfa.http.max-body-size:1MB}") DataSize maxBodySize) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(maxBodySize.toBytes()));
        registration.setOrder(REQUEST_ID_FILTER_ORDER + 1);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemDetailsAdvice apfaProblemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController apfaProblemErrorController() {
        return new ProblemErrorController();
    }

    /** Swaps the JSON converter for the strict one; done after MVC built its list so the order stays Boot's. */
    @Bean
    WebMvcConfigurer apfaStrictJsonBodies(JsonMapper jsonMapper) {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                for (int i = 0; i < converters.size(); i++) {
                    if (converters.get(i) instanceof JacksonJsonHttpMessageConverter
                            && !(converters.get(i) instanceof StrictJsonConverter)) {
                        converters.set(i, new StrictJsonConverter(jsonMapper));
                    }
                }
            }
        };
    }
}
