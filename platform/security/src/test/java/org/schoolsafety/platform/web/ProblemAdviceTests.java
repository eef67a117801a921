package org.schoolsafety.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import org.junit.jupiter.api.Test;
import org.schoolsafety.platform.text.Text;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

class ProblemAdviceTests {

    record Named(@Text(max = 10) String name, Integer count) {}

    @RestController
    static class Endpoints {

        @PostMapping("/named")
        String named(@Valid @RequestBody Named body) {
            return body.name();
        }

        @GetMapping("/search")
        String search(@RequestParam("q") @Text(max = 10) String query) {
            return query;
        }

        @GetMapping("/broken")
        String broken() {
            throw new IllegalStateException("secret internals");
        }
    }

    private final MockMvc mvc = mvc();

    private static MockMvc mvc() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        JsonMapper.Builder json = JsonMapper.builder();
        new StrictJson().customize(json);
        // as Boot's JSON auto-configuration does: a problem's properties are members of its JSON object
        json.addMixIn(
                org.springframework.http.ProblemDetail.class,
                org.springframework.http.converter.json.ProblemDetailJacksonMixin.class);
        return MockMvcBuilders.standaloneSetup(new Endpoints())
                .setControllerAdvice(new ProblemAdvice())
                .setValidator(validator)
                .setMessageConverters(
                        new org.springframework.http.converter.StringHttpMessageConverter(),
                        new JacksonJsonHttpMessageConverter(json.build()))
                .build();
    }

    @Test
    void aTextFieldThatBreaksTheRuleIsA400NamingTheField() throws Exception {
        mvc.perform(post("/named").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"a\\ud800\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].detail").value(org.hamcrest.Matchers.containsString("surrogate")));
    }

    @Test
    void aNumberWhereTextBelongsIsA400NamingTheField() throws Exception {
        mvc.perform(post("/named").contentType(MediaType.APPLICATION_JSON).content("{\"name\":true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(post("/named").contentType(MediaType.APPLICATION_JSON).content("{\"count\":1.5}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("count"));
    }

    @Test
    void aQueryParameterThatBreaksTheRuleIsA400NamingIt() throws Exception {
        mvc.perform(get("/search").param("q", "x\u202Ey"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("q"));
    }

    @Test
    void somethingUnexpectedIsA500ProblemWithoutInternals() throws Exception {
        mvc.perform(get("/broken"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(500))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
    }
}
